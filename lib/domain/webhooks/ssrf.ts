import { isIP } from "node:net";

/**
 * Server-side request forgery rules for webhook URLs: a merchant's URL must not make our server
 * call itself, its network, or the cloud metadata service. Pure: the service resolves the host and
 * passes the addresses here.
 */

export type AddressClass =
  | "public"
  | "unspecified"
  | "loopback"
  | "private"
  | "link_local"
  | "shared"
  | "multicast"
  | "reserved"
  | "invalid";

/** Only "public" addresses may be called when private addresses are not allowed. */
export function classifyAddress(address: string): AddressClass {
  const version = isIP(address);
  if (version === 4) return classifyV4(v4Octets(address));
  if (version === 6) return classifyV6(address);
  return "invalid";
}

export function isPublicAddress(address: string): boolean {
  return classifyAddress(address) === "public";
}

function v4Octets(address: string): number[] {
  return address.split(".").map(Number);
}

function classifyV4([a, b]: number[]): AddressClass {
  if (a === 0) return "unspecified"; // 0.0.0.0/8: "this network", 0.0.0.0 reaches localhost
  if (a === 127) return "loopback";
  if (a === 10) return "private";
  if (a === 172 && b >= 16 && b <= 31) return "private";
  if (a === 192 && b === 168) return "private";
  if (a === 169 && b === 254) return "link_local"; // includes 169.254.169.254, the metadata service
  if (a === 100 && b >= 64 && b <= 127) return "shared"; // carrier-grade NAT
  if (a >= 224 && a <= 239) return "multicast";
  if (a >= 240) return "reserved"; // includes 255.255.255.255
  return "public";
}

/** The 8 groups of a v6 address as numbers (`::` expanded, a dotted v4 tail converted). */
function v6Groups(address: string): number[] {
  let text = address.toLowerCase();
  const zone = text.indexOf("%");
  if (zone >= 0) text = text.slice(0, zone);
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (tail) {
    const [a, b, c, d] = v4Octets(tail[1]);
    text = `${text.slice(0, tail.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, rest] = text.split("::");
  const parse = (part: string | undefined) =>
    part ? part.split(":").map((group) => Number.parseInt(group, 16)) : [];
  const left = parse(head);
  const right = parse(rest);
  const zeros = rest === undefined ? [] : new Array(8 - left.length - right.length).fill(0);
  return [...left, ...zeros, ...right];
}

function classifyV6(address: string): AddressClass {
  const g = v6Groups(address);
  if (g.length !== 8) return "invalid";
  const allZeroUpTo = (n: number) => g.slice(0, n).every((group) => group === 0);
  if (allZeroUpTo(8)) return "unspecified";
  if (allZeroUpTo(7) && g[7] === 1) return "loopback";
  // IPv4-mapped (::ffff:a.b.c.d) and the deprecated IPv4-compatible (::a.b.c.d): judge the v4.
  if (allZeroUpTo(5) && (g[5] === 0xffff || g[5] === 0)) {
    return classifyV4([g[6] >> 8, g[6] & 0xff, g[7] >> 8, g[7] & 0xff]);
  }
  // NAT64 (64:ff9b::/96) embeds a v4 address too.
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((group) => group === 0)) {
    return classifyV4([g[6] >> 8, g[6] & 0xff, g[7] >> 8, g[7] & 0xff]);
  }
  if ((g[0] & 0xfe00) === 0xfc00) return "private"; // fc00::/7 unique local
  if ((g[0] & 0xffc0) === 0xfe80) return "link_local"; // fe80::/10
  if ((g[0] & 0xffc0) === 0xfec0) return "private"; // fec0::/10, deprecated site-local
  if ((g[0] & 0xff00) === 0xff00) return "multicast"; // ff00::/8
  return "public";
}

/** Ports a webhook may use: the web's defaults and the unprivileged range. */
export function isAllowedPort(port: number): boolean {
  return port === 80 || port === 443 || (port >= 1024 && port <= 65535);
}

export const MAX_WEBHOOK_URL_LENGTH = 2048;

export type UrlCheck = { ok: true; url: URL; host: string } | { ok: false; message: string };

/**
 * The URL's form: http(s), no user or password, an allowed port, a host, no fragment, and no
 * control characters or spaces. Where it points is checked separately (the host's addresses).
 */
export function checkWebhookUrl(raw: string): UrlCheck {
  if (raw.length > MAX_WEBHOOK_URL_LENGTH)
    return { ok: false, message: `A webhook URL is at most ${MAX_WEBHOOK_URL_LENGTH} characters.` };
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\u0000-\u0020\u007f]/.test(raw))
    return { ok: false, message: "A webhook URL may not contain spaces or control characters." };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, message: "The webhook URL is not a valid URL." };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    return { ok: false, message: "A webhook URL must start with http:// or https://." };
  if (url.username || url.password)
    return { ok: false, message: "A webhook URL may not contain a user name or password." };
  if (url.hash) return { ok: false, message: "A webhook URL may not contain a #fragment." };
  const port = url.port === "" ? (url.protocol === "https:" ? 443 : 80) : Number(url.port);
  if (!isAllowedPort(port))
    return {
      ok: false,
      message: `Port ${port} is not allowed for webhooks (80, 443 or 1024-65535).`,
    };
  const host = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
  if (host === "") return { ok: false, message: "A webhook URL needs a host." };
  return { ok: true, url, host };
}

/**
 * Whether a host (with the addresses it resolved to) may be called: every address must be public,
 * since the connection may use any of them. A literal IP needs no resolution.
 */
export function checkResolvedAddresses(
  host: string,
  addresses: readonly string[],
): { ok: true } | { ok: false; message: string } {
  if (addresses.length === 0)
    return { ok: false, message: `The host ${host} does not resolve to any address.` };
  for (const address of addresses) {
    const kind = classifyAddress(address);
    if (kind !== "public")
      return {
        ok: false,
        message: `The host ${host} resolves to ${address}, a ${kind.replace("_", "-")} address; webhooks may only call public addresses.`,
      };
  }
  return { ok: true };
}
