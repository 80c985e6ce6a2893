/** The origins textarea: one origin per line (blank lines are dropped by the service). */
export function originsFromText(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
}
