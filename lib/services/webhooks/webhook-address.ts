import "server-only";
import type { LookupAddress } from "node:dns";
import { lookup } from "node:dns";
import { lookup as lookupAsync } from "node:dns/promises";
import { isIP } from "node:net";
import { config } from "@/lib/config";
import { checkResolvedAddresses, checkWebhookUrl } from "@/lib/domain/webhooks/ssrf";
import { AppError } from "@/lib/errors";

/**
 * Where a webhook URL may point. Unless WEBHOOK_ALLOW_PRIVATE_ADDRESSES is on, every address the
 * host resolves to must be public: checked when the URL is saved, and again on every delivery by
 * `guardedLookup`, the resolver the HTTP request connects through, so a host that changes its
 * answer after the first check (DNS rebinding) still cannot reach a private address.
 */

/** Read on every call, so that tests and operators can switch it without a restart. */
export function privateAddressesAllowed(): boolean {
  return config().webhookAllowPrivateAddresses;
}

async function resolveAll(host: string): Promise<string[]> {
  if (isIP(host)) return [host];
  const rows = await lookupAsync(host, { all: true, verbatim: true });
  return rows.map((row) => row.address);
}

/**
 * For others to call before storing a URL (an endpoint, a checkout session's webhook_url): throws
 * a validation_error naming the problem when the URL is not http(s), carries credentials, uses a
 * refused port, or (unless allowed) resolves to a non-public address.
 */
export async function validateWebhookUrl(url: string, field = "url"): Promise<void> {
  const refuse = (message: string) =>
    new AppError("validation_error", message, [{ field, message }]);
  const form = checkWebhookUrl(url);
  if (!form.ok) throw refuse(form.message);
  if (privateAddressesAllowed()) return;
  let addresses: string[];
  try {
    addresses = await resolveAll(form.host);
  } catch {
    throw refuse(`The host ${form.host} could not be resolved.`);
  }
  const target = checkResolvedAddresses(form.host, addresses);
  if (!target.ok) throw refuse(target.message);
}

/** The error a refused connection fails with; the attempt records its message. */
export class RefusedAddressError extends Error {
  readonly code = "EWEBHOOKADDRESS";
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A drop-in for dns.lookup in http.request's `lookup` option: resolves every address and refuses
 * the connection unless all of them are public (or private ones are allowed).
 */
export function guardedLookup(
  hostname: string,
  options: { all?: boolean; family?: number } | number,
  callback: LookupCallback,
): void {
  const all = typeof options === "object" && options.all === true;
  lookup(hostname, { all: true, verbatim: true }, (error, rows) => {
    if (error) return callback(error, all ? [] : "", undefined);
    if (!privateAddressesAllowed()) {
      const check = checkResolvedAddresses(
        hostname,
        rows.map((row) => row.address),
      );
      if (!check.ok)
        return callback(new RefusedAddressError(check.message), all ? [] : "", undefined);
    }
    if (all) return callback(null, rows);
    const first = rows[0];
    return callback(null, first.address, first.family);
  });
}

/** A literal IP in the URL skips the resolver, so it is checked here before connecting. */
export function checkLiteralAddress(host: string): string | null {
  if (!isIP(host) || privateAddressesAllowed()) return null;
  const check = checkResolvedAddresses(host, [host]);
  return check.ok ? null : check.message;
}
