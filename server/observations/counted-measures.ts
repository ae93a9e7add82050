import { Prisma } from '../generated/prisma/client.js';
import { NON_VEHICLE_MEASURES } from '../feeds/bts-measures.js';

/**
 * Rows the aggregates count: our own observations, and publisher measures that count vehicles
 * (not the containers they carry or their passengers, which would count one crossing twice).
 */
export const countsVehiclesOf = (table?: string) => {
  const column = Prisma.raw(table ? `${table}.measure` : 'measure');
  return Prisma.sql`(${column} IS NULL OR ${column} NOT IN (${Prisma.join(NON_VEHICLE_MEASURES)}))`;
};
export const countsVehicles = countsVehiclesOf();
