/** LIKE/ILIKE (and Prisma's startsWith/contains) take `%`, `_` and `\` as syntax; a search for "50%" means the text. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}
