const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether a client-supplied id can be a row id at all. Checked before querying, so a malformed id
 * is "not found" rather than a database cast error (a 500).
 */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
