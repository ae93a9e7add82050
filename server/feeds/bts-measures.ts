import type { VehicleClass } from '../contracts/common.js';

/**
 * BTS Border Crossing Entry Data measures → our vehicle class. Every measure is stored as its own
 * `crossed_vehicles` observation with the measure's name, so per port and month the stored values
 * are the file's. Only measures that count vehicles (or people on foot) enter the monthly rollups
 * the map and charts draw: containers ride on trucks and trains, passengers in vehicles already
 * counted, so adding them would count the same crossing twice.
 */
export const BTS_MEASURES: Record<string, { vehicleClass: VehicleClass; countsVehicles: boolean }> = {
  Trucks: { vehicleClass: 'truck', countsVehicles: true },
  'Truck Containers Loaded': { vehicleClass: 'truck', countsVehicles: false },
  'Truck Containers Empty': { vehicleClass: 'truck', countsVehicles: false },
  Buses: { vehicleClass: 'bus', countsVehicles: true },
  'Bus Passengers': { vehicleClass: 'bus', countsVehicles: false },
  'Personal Vehicles': { vehicleClass: 'car', countsVehicles: true },
  'Personal Vehicle Passengers': { vehicleClass: 'car', countsVehicles: false },
  // A train is neither a wagon nor a road vehicle: "other", with the measure saying what it is.
  Trains: { vehicleClass: 'other', countsVehicles: true },
  'Train Passengers': { vehicleClass: 'other', countsVehicles: false },
  'Rail Containers Loaded': { vehicleClass: 'rail_wagon', countsVehicles: false },
  'Rail Containers Empty': { vehicleClass: 'rail_wagon', countsVehicles: false },
  Pedestrians: { vehicleClass: 'pedestrian', countsVehicles: true },
};

/** The older layout says "Full" where the current one says "Loaded". */
export function normalizeBtsMeasure(raw: string): string {
  return raw.trim().replace(/\bFull$/, 'Loaded');
}

/** Measures whose rows the rollups leave out (see above). */
export const NON_VEHICLE_MEASURES = Object.entries(BTS_MEASURES).filter(([, m]) => !m.countsVehicles).map(([name]) => name);
