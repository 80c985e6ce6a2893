import type { AuditActor } from "@/lib/domain/audit/actions";
import { actorOf, type Principal } from "@/lib/domain/auth/principal";

/** Who acts on a session: a merchant's server (API key), a person in the dashboard, or the system. */
export type CheckoutCaller = {
  merchantId: string;
  auditActor: AuditActor;
  userId: string | null;
  via: "api" | "dashboard" | "bulk";
};

export function checkoutCallerOf(principal: Principal, via?: "bulk"): CheckoutCaller {
  return {
    merchantId: principal.merchantId,
    auditActor: actorOf(principal),
    userId: principal.userId,
    via: via ?? (principal.via === "api_key" ? "api" : "dashboard"),
  };
}
