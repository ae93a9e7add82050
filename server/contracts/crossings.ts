/** What `GET /api/crossings` returns for each crossing, shared with the front end. */

export type CrossingActivity = {
  observations: number;
  /** True when every observation here is made-up demo data. */
  syntheticOnly: boolean;
  syntheticObservations: number;
  lastObservedAt: string | null;
  latest: Record<string, { value: number; observedAt: string; method: string; vehicleClass: string; synthetic: boolean }>;
};

export type CrossingProperties = {
  id: string;
  names: { en: string; zh: string | null; ko: string | null };
  countries: [string, string];
  kind: string;
  kindNote: string | null;
  status: string;
  locationKnown: boolean;
  queueZone: unknown;
  sources: string[];
  activity: CrossingActivity;
};
