import { hasControlCharacters } from "@/lib/validation/strings";

/**
 * Why a request path cannot be routed, or null when it can: a percent-escape that does not decode
 * to UTF-8 (`%E0%A4%A`, `%ZZ`, a lone `%`) or one that decodes to a control character (`%00`).
 * Next.js fails on the first with a plain-text 500 while matching routes, so the proxy asks this
 * before routing. Pure: no Next.js, so it is unit-tested on its own.
 */
export function malformedPathReason(pathname: string): string | null {
  for (const segment of pathname.split("/")) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return "The path holds a malformed percent-encoded sequence.";
    }
    if (hasControlCharacters(decoded)) return "The path must not contain control characters.";
  }
  return null;
}

/**
 * Query parameters Next.js loses before a route handler sees them: it rebuilds the query through a
 * plain object, where `__proto__` sets the prototype instead of a key, so a strict schema never
 * sees it and `?__proto__=x` would be silently ignored while every other unknown parameter is a
 * 400. The proxy refuses them on /api paths, where unknown parameters are errors.
 */
export function lostQueryParameter(search: string): string | null {
  for (const key of new URLSearchParams(search).keys()) if (key === "__proto__") return key;
  return null;
}
