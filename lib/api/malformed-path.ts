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
