import { peerAddressOf } from "@/lib/auth/peer-address";
import { config } from "@/lib/config";
import { clientAddress } from "@/lib/domain/auth/client-address";

/**
 * Where a sign-in attempt comes from, for the throttle. The next-auth route wrapper computes it and
 * hands it to `authorize()` in CLIENT_ADDRESS_HEADER, after dropping any copy the client sent.
 */
export const CLIENT_ADDRESS_HEADER = "x-countersign-client-address";

/** The socket's peer (stamped by instrumentation.ts), or the hop TRUSTED_PROXIES says to believe. */
export function clientAddressOf(headers: Headers): string {
  return clientAddress({
    peer: peerAddressOf(headers),
    forwardedFor: headers.get("x-forwarded-for"),
    trustedProxies: config().trustedProxies,
  });
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
