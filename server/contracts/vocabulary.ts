// The words of the data model, without zod: the front end imports these, so the map's bundle does not
// carry the validation library. server/contracts/common.ts builds its schemas from them.

export const METRICS = ['queue_vehicles', 'queue_length_m', 'crossed_vehicles', 'wait_minutes'] as const;
export const VEHICLE_CLASSES = ['truck', 'bus', 'car', 'rail_wagon', 'pedestrian', 'other'] as const;
export const METHODS = ['field', 'satellite', 'camera', 'sensor', 'feed', 'customs', 'news', 'synthetic'] as const;
export const REVIEW_STATUSES = ['pending', 'approved', 'rejected'] as const;
/** A crossing's physical form and operating status (the enums CrossingKind and CrossingStatus of the schema). */
export const CROSSING_KINDS = ['road', 'rail', 'road_rail', 'ferry', 'pedestrian', 'unknown'] as const;
export const CROSSING_STATUSES = ['open', 'restricted', 'closed', 'not_in_service', 'unknown'] as const;
/** Account roles, least to most trusted; the public is the absence of an account. */
export const ROLES = ['observer', 'analyst', 'admin'] as const;

export type Metric = (typeof METRICS)[number];
export type VehicleClass = (typeof VEHICLE_CLASSES)[number];
export type Method = (typeof METHODS)[number];
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export type CrossingKind = (typeof CROSSING_KINDS)[number];
export type CrossingStatus = (typeof CROSSING_STATUSES)[number];
export type Role = (typeof ROLES)[number];

/** A month written YYYY-MM. */
export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Metrics that count whole vehicles. */
export const COUNT_METRICS: readonly Metric[] = ['queue_vehicles', 'crossed_vehicles'];
