/**
 * The address a request comes from, for the sign-in throttle. X-Forwarded-For is written by whoever
 * sent the request, so it is believed only as far as the operator says: `trustedProxies` is the
 * number of reverse proxies in front of the app (TRUSTED_PROXIES), each of which appends the
 * address it received the request from. The hops are the header's entries followed by the socket's
 * peer; counting `trustedProxies` back from the peer gives the address the outermost trusted proxy
 * saw. With no trusted proxy that is the peer itself, and nothing the client writes matters.
 */
export const MAX_TRUSTED_PROXIES = 10;

export const UNKNOWN_ADDRESS = "unknown";

export function clientAddress(input: {
  /** The TCP peer of this server's socket; null when it could not be established. */
  peer: string | null;
  forwardedFor: string | null;
  trustedProxies: number;
}): string {
  const peer = input.peer === null ? null : normalizeAddress(input.peer);
  if (peer === null) return UNKNOWN_ADDRESS;
  if (input.trustedProxies <= 0) return peer;
  const hops = [...(input.forwardedFor ?? "").split(","), peer].map((hop) => hop.trim());
  // Fewer hops than trusted proxies: the request skipped a proxy; the leftmost hop is the furthest
  // one known, and every hop in the list was written by a trusted proxy or the peer.
  const index = Math.max(0, hops.length - 1 - input.trustedProxies);
  for (let i = index; i < hops.length; i++) {
    const address = normalizeAddress(hops[i]);
    // A hop that is not an address was not written by a proxy that works: take the next one inward.
    if (address !== null) return address;
  }
  return peer;
}

/** "1.2.3.4", "1.2.3.4:5678", "::ffff:1.2.3.4", "[2001:db8::1]:443" -> the bare address; else null. */
export function normalizeAddress(value: string): string | null {
  let address = value.trim();
  const bracketed = /^\[([0-9a-fA-F:.]+)\](?::\d{1,5})?$/.exec(address);
  if (bracketed) address = bracketed[1];
  const ipv4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(address);
  if (ipv4WithPort) address = ipv4WithPort[1];
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) address = mapped[1];
  if (isIPv4(address)) return address;
  if (isIPv6(address)) return address.toLowerCase();
  return null;
}

function isIPv4(value: string): boolean {
  const parts = value.split(".");
  return parts.length === 4 && parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255);
}

function isIPv6(value: string): boolean {
  if (!/^[0-9a-fA-F:.]{2,45}$/.test(value) || !value.includes(":")) return false;
  const groups = value.split("::");
  if (groups.length > 2) return false;
  const parts = groups.flatMap((group) => (group === "" ? [] : group.split(":")));
  const last = parts.at(-1) ?? "";
  const hasIPv4Tail = last.includes(".");
  if (hasIPv4Tail && !isIPv4(last)) return false;
  const hexParts = hasIPv4Tail ? parts.slice(0, -1) : parts;
  if (!hexParts.every((part) => /^[0-9a-fA-F]{1,4}$/.test(part))) return false;
  const width = hexParts.length + (hasIPv4Tail ? 2 : 0);
  return groups.length === 2 ? width < 8 : width === 8;
}
