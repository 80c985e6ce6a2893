/** How much of a receiver's answer the delivery log keeps (a CHECK holds the column to it). */
export const MAX_RESPONSE_BYTES = 4096;

/**
 * At most `max` bytes of an answer as text, cut on a character boundary, with NUL (which text
 * columns refuse) and invalid bytes replaced; measured after decoding, since a replacement
 * character is longer than the byte it replaces.
 */
export function truncateUtf8(bytes: Uint8Array, max: number): string {
  let text = Buffer.from(bytes.subarray(0, max + 4))
    .toString("utf8")
    .replaceAll("\u0000", "\uFFFD");
  while (Buffer.byteLength(text, "utf8") > max) text = text.slice(0, -1);
  // A lone high surrogate left by the cut is not valid text either.
  return text.replace(/[\uD800-\uDBFF]$/, "");
}
