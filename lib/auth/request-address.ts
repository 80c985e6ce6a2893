/**
 * Where a sign-in attempt comes from, for the throttle. The next-auth route wrapper computes it and
 * hands it to `authorize()` in CLIENT_ADDRESS_HEADER, after dropping any copy the client sent.
 */
export const CLIENT_ADDRESS_HEADER = "x-countersign-client-address";

export function clientAddressOf(headers: Headers): string {
  const first = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return first || headers.get("x-real-ip") || "unknown";
}
