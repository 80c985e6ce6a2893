import { describe, expect, it } from "vitest";
import { permissionsFor, ROLES, type Role } from "@/lib/domain/auth/permissions";
import { mayManageCheckoutSessions } from "./checkout";
import { mayManageCheckoutSettings } from "./checkout-settings";
import type { DecisionActor } from "./policy";
import { mayManageWebhooks } from "./webhooks";

function actor(role: Role): DecisionActor {
  return { userId: role, isChecker: false, permissions: permissionsFor(role, {}) };
}

// The whole table, written out: who may do what with checkout.
const TABLE: Record<Role, { sessions: boolean; settings: boolean; webhooks: boolean }> = {
  owner: { sessions: true, settings: true, webhooks: true },
  admin: { sessions: true, settings: true, webhooks: true },
  maker: { sessions: true, settings: false, webhooks: false },
  viewer: { sessions: false, settings: false, webhooks: false },
};

describe("checkout policies", () => {
  for (const role of ROLES) {
    it(`${role}: ${JSON.stringify(TABLE[role])}`, () => {
      expect({
        sessions: mayManageCheckoutSessions(actor(role)).ok,
        settings: mayManageCheckoutSettings(actor(role)).ok,
        webhooks: mayManageWebhooks(actor(role)).ok,
      }).toEqual(TABLE[role]);
    });
  }

  it("refuses with forbidden and names the permission", () => {
    expect(mayManageCheckoutSettings(actor("maker"))).toMatchObject({
      ok: false,
      code: "forbidden",
      message: expect.stringContaining("checkout.settings"),
    });
    const none: DecisionActor = { userId: "x", isChecker: false, permissions: [] };
    expect(mayManageCheckoutSessions(none).ok).toBe(false);
  });
});
