import { describe, expect, it } from "vitest";
import { permissionsFor } from "@/lib/domain/auth/permissions";
import { mayCreatePaymentLinks, mayManagePaymentLinks, mayViewPaymentLinks } from "./payment-links";

const actor = (permissions: string[]) => ({ userId: "u", isChecker: false, permissions });

describe("payment link policies", () => {
  it("lets anyone with transactions.view see links, and only checkout.create make or change them", () => {
    const viewer = actor(["transactions.view"]);
    expect(mayViewPaymentLinks(viewer).ok).toBe(true);
    expect(mayCreatePaymentLinks(viewer)).toMatchObject({ ok: false, code: "forbidden" });
    expect(mayManagePaymentLinks(viewer)).toMatchObject({ ok: false, code: "forbidden" });
    const creator = actor(["checkout.create"]);
    expect(mayCreatePaymentLinks(creator).ok).toBe(true);
    expect(mayManagePaymentLinks(creator).ok).toBe(true);
    expect(mayViewPaymentLinks(actor([])).ok).toBe(false);
  });
  it("follows the roles: makers, admins and owners create; viewers only see", () => {
    const of = (role: "owner" | "admin" | "maker" | "viewer") =>
      actor(permissionsFor(role, {}) as string[]);
    expect(mayCreatePaymentLinks(of("viewer")).ok).toBe(false);
    expect(mayViewPaymentLinks(of("viewer")).ok).toBe(true);
    for (const role of ["owner", "admin", "maker"] as const)
      expect(mayCreatePaymentLinks(of(role)).ok, role).toBe(true);
  });
});
