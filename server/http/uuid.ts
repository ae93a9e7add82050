const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids in paths are checked before they reach the database, which would answer a malformed one with an error, not "none". */
export const isUuid = (s: string) => UUID.test(s);
