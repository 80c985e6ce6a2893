/**
 * Where a sign-in attempt comes from, for the throttle. The next-auth route wrapper computes it and
 * hands it to `authorize()` in CLIENT_ADDRESS_HEADER, after dropping any copy the client sent.
 */
export const CLIENT_ADDRESS_HEADER = "x-countersign-client-address";

export function clientAddressOf(headers: Headers): string {
  const first = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return first || headers.get("x-real-ip") || "unknown";
}

/**
 * The origin the browser used to reach this request (the Host header, which Next.js also copies to
 * x-forwarded-host), so that same-origin checks hold on every host name the app answers to.
 */
export function requestOrigin(headers: Headers, fallback = "http://localhost"): string {
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  const proto = headers.get("x-forwarded-proto") === "https" ? "https" : "http";
  if (!host) return fallback;
  try {
    return new URL(`${proto}://${host}`).origin;
  } catch {
    return fallback;
  }
}
