import "server-only";
import { verifyAgainstNothing, verifyPassword } from "@/lib/credentials/passwords";
import { prisma } from "@/lib/db";
import { SYSTEM_ACTOR } from "@/lib/domain/audit/actions";
import {
  isLocked,
  lockedMessage,
  recordFailure,
  type ThrottleState,
} from "@/lib/domain/auth/sign-in-throttle";
import { recordAuditEvent } from "@/lib/services/audit/record-audit-event";

export type SignedInUser = {
  id: string;
  email: string;
  name: string;
  merchantId: string;
  role: string;
};

export class SignInLockedError extends Error {}

/**
 * Checks an email and password from one address. Throws SignInLockedError (with the words to show)
 * while that account is locked from that address; returns null for wrong credentials or a user
 * without an active membership.
 */
export async function verifyCredentials(
  rawEmail: string,
  password: string,
  ip: string,
  now = new Date(),
): Promise<SignedInUser | null> {
  const email = rawEmail.trim().toLowerCase();
  const throttle = await prisma.signInThrottle.findUnique({ where: { email_ip: { email, ip } } });
  if (throttle && isLocked(throttle, now))
    throw new SignInLockedError(lockedMessage(throttle, now));

  const user = await prisma.user.findUnique({
    where: { email },
    include: { memberships: { where: { active: true }, orderBy: { createdAt: "asc" }, take: 1 } },
  });
  const valid = user
    ? await verifyPassword(password, user.passwordHash)
    : await verifyAgainstNothing(password);
  const membership = user?.memberships[0];
  if (user && valid && membership) {
    if (throttle)
      await prisma.signInThrottle.delete({ where: { email_ip: { email, ip } } }).catch(() => {});
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      merchantId: membership.merchantId,
      role: membership.role,
    };
  }

  const lockedNow = await recordFailedSignIn(
    email,
    ip,
    now,
    user?.memberships[0]?.merchantId ?? null,
    user?.id ?? null,
  );
  if (lockedNow) throw new SignInLockedError(lockedMessage(lockedNow, now));
  return null;
}

/** Counts a failure under a row lock, so parallel attempts cannot slip past the limit. Returns the state if it is now locked. */
async function recordFailedSignIn(
  email: string,
  ip: string,
  now: Date,
  merchantId: string | null,
  userId: string | null,
): Promise<ThrottleState | null> {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`INSERT INTO sign_in_throttle (email, ip, failures, first_failure_at) VALUES (${email}, ${ip}, 0, ${now}) ON CONFLICT DO NOTHING`;
    const [row] = await tx.$queryRaw<
      { failures: number; first_failure_at: Date; locked_until: Date | null }[]
    >`
      SELECT failures, first_failure_at, locked_until FROM sign_in_throttle WHERE email = ${email} AND ip = ${ip} FOR UPDATE`;
    const previous: ThrottleState | null =
      row.failures === 0
        ? null
        : {
            failures: row.failures,
            firstFailureAt: row.first_failure_at,
            lockedUntil: row.locked_until,
          };
    const next = recordFailure(previous, now);
    await tx.signInThrottle.update({ where: { email_ip: { email, ip } }, data: next });
    if (!isLocked(next, now) || isLocked(previous, now)) return null;
    if (userId) {
      await recordAuditEvent(tx, {
        actor: SYSTEM_ACTOR,
        merchantId,
        entity: "user",
        entityId: userId,
        action: "user.sign_in_locked",
        data: { ip, failures: next.failures },
      });
    }
    return next;
  });
}
