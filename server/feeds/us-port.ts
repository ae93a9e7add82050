/** The crossing a US land port is, for every US feed (BTS counts, CBP waits): its four-digit port code is the stable part. */
export const usPortCrossingId = (r: { portCode: string; neighbour: 'MX' | 'CA' }) => `us-${r.neighbour.toLowerCase()}-port-${r.portCode}`;
