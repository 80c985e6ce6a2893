import { describe, expect, it } from "vitest";
import {
  hasPermission,
  isRole,
  PERMISSIONS,
  type Permission,
  permissionsFor,
  ROLES,
  type Role,
} from "./permissions";

// The whole matrix, written out so that any change to who may do what shows up here.
const EXPECTED: Record<Role, Permission[]> = {
  owner: [
    "transactions.view",
    "payments.refund",
    "payments.void",
    "operation_requests.view",
    "plugins.manage",
    "gateways.manage",
    "api_keys.manage",
    "audit.view",
    "sandbox.use",
    "transactions.view_client",
    "transactions.view_system",
    "processes.run",
    "processes.review",
    "processes.service",
    "members.manage",
    "checkout.create",
    "checkout.settings",
    "webhooks.manage",
  ],
  admin: [
    "transactions.view",
    "payments.refund",
    "payments.void",
    "operation_requests.view",
    "plugins.manage",
    "gateways.manage",
    "api_keys.manage",
    "audit.view",
    "sandbox.use",
    "transactions.view_client",
    "transactions.view_system",
    "processes.run",
    "processes.review",
    "processes.service",
    "members.manage",
    "checkout.create",
    "checkout.settings",
    "webhooks.manage",
  ],
  maker: [
    "transactions.view",
    "payments.refund",
    "payments.void",
    "operation_requests.view",
    "api_keys.manage",
    "sandbox.use",
    "transactions.view_client",
    "processes.run",
    "checkout.create",
  ],
  viewer: ["transactions.view", "operation_requests.view", "api_keys.manage"],
};

describe("permissions", () => {
  it.each(ROLES)("grants %s exactly its permissions", (role) => {
    expect(permissionsFor(role)).toEqual(EXPECTED[role]);
    for (const permission of PERMISSIONS) {
      expect(hasPermission(role, permission)).toBe(EXPECTED[role].includes(permission));
    }
  });

  it("gives approval to the checker capability only, never to a role", () => {
    for (const role of ROLES) {
      expect(hasPermission(role, "operation_requests.approve")).toBe(false);
      expect(hasPermission(role, "operation_requests.approve", { checker: true })).toBe(true);
      expect(permissionsFor(role, { checker: true })).toContain("operation_requests.approve");
    }
  });

  it("does not widen a viewer who is made checker beyond approval", () => {
    expect(permissionsFor("viewer", { checker: true })).toEqual([
      "transactions.view",
      "operation_requests.view",
      "operation_requests.approve",
      "api_keys.manage",
    ]);
  });

  it("adds a membership's grants to its role, and only grantable names", () => {
    expect(permissionsFor("viewer", { grants: ["transactions.view_system"] })).toEqual([
      "transactions.view",
      "operation_requests.view",
      "api_keys.manage",
      "transactions.view_system",
    ]);
    expect(hasPermission("viewer", "processes.review", { grants: ["processes.review"] })).toBe(
      true,
    );
    expect(hasPermission("viewer", "processes.review")).toBe(false);
    const forged = ["plugins.manage", "members.manage"] as unknown as Permission[];
    expect(permissionsFor("viewer", { grants: forged })).toEqual(EXPECTED.viewer);
  });

  it("recognises roles", () => {
    expect(isRole("maker")).toBe(true);
    expect(isRole("checker")).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });
});
