import { createHash, randomBytes } from "node:crypto";

const KEY_PREFIX = "sk_live_";

/** A new secret key: shown once, stored only as its hash. */
export function generateApiKey(): string {
  return KEY_PREFIX + randomBytes(24).toString("base64url");
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/** What lists show so a person can tell keys apart without revealing them. */
export function displayPrefix(key: string): string {
  return `${key.slice(0, 12)}…`;
}
