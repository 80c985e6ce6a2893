/**
 * Where to send the browser after sign-in. Only a path on this app's own origin is accepted: the
 * value is resolved the way a browser resolves it (`new URL(value, origin)`, which drops tabs and
 * newlines and reads `\` as `/`) and its origin compared; anything else is the home page. The
 * result is resolved once more, so a path that a browser would read as another host (`//evil`,
 * which `/.//evil` becomes) is refused too. Pure: the login page and next-auth's redirect callback
 * both ask it.
 */
export const HOME_PATH = "/";

const MAX_LENGTH = 2048;

export function safeCallbackPath(value: unknown, origin: string): string {
  if (typeof value !== "string" || value === "" || value.length > MAX_LENGTH) return HOME_PATH;
  const base = new URL(origin);
  const resolved = parse(value, base);
  if (!resolved || resolved.origin !== base.origin) return HOME_PATH;
  const path = `${resolved.pathname}${resolved.search}${resolved.hash}`;
  const again = parse(path, base);
  if (!again || again.origin !== base.origin || !path.startsWith("/") || path.startsWith("//"))
    return HOME_PATH;
  return path;
}

function parse(value: string, base: URL): URL | null {
  try {
    return new URL(value, base);
  } catch {
    return null;
  }
}
