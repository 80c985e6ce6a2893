/**
 * Notify on error: when the Checkout API answers a merchant's server with an error it should act
 * on, the merchant's people are told by email, at most once per NOTICE_INTERVAL_MINUTES per error
 * code. Pure: the service holds the clock and the table that makes "once" true under concurrency.
 */

export const NOTICE_INTERVAL_MINUTES = 10;
export const NOTIFY_ON_ERROR_MAX = 20;

/**
 * Whether an answer is worth telling the merchant about. Only a merchant's server (an API key): a
 * person in the dashboard sees the error themselves. Not 401 (no merchant is known), 404 (an id the
 * merchant's server guessed or mistyped says nothing about its integration) or 405 (a probe).
 */
export function isNotifiableCheckoutError(input: {
  status: number;
  via: "api_key" | "session";
}): boolean {
  if (input.via !== "api_key") return false;
  if (input.status >= 500 && input.status <= 599) return true;
  if (input.status < 400 || input.status > 499) return false;
  return input.status !== 401 && input.status !== 404 && input.status !== 405;
}

/**
 * Who is told: the merchant's notify-on-error list when it has anyone, else the active owners and
 * admins. Addresses compare case-insensitively; each is told once.
 */
export function noticeRecipients(
  notifyOnError: readonly string[],
  members: readonly { email: string; role: string; active: boolean }[],
): string[] {
  const listed = notifyOnError.map((email) => email.trim().toLowerCase()).filter(Boolean);
  const chosen =
    listed.length > 0
      ? listed
      : members
          .filter((member) => member.active && (member.role === "owner" || member.role === "admin"))
          .map((member) => member.email.trim().toLowerCase());
  return [...new Set(chosen)];
}
