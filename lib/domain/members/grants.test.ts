import { describe, expect, it } from "vitest";
import { GRANTABLE_PERMISSIONS, permissionsFor, ROLES } from "@/lib/domain/auth/permissions";
import { GRANT_DESCRIPTIONS, grantsFromRole, grantsToStore, sameGrants } from "./grants";

describe("per-membership grants", () => {
  it("describes every grantable permission", () => {
    expect(Object.keys(GRANT_DESCRIPTIONS).sort()).toEqual([...GRANTABLE_PERMISSIONS].sort());
  });

  it("knows what each role already gives", () => {
    expect(grantsFromRole("viewer")).toEqual([]);
    expect(grantsFromRole("maker")).toEqual(["transactions.view_client", "processes.run"]);
    expect(grantsFromRole("admin")).toEqual([...GRANTABLE_PERMISSIONS]);
    expect(grantsFromRole("owner")).toEqual([...GRANTABLE_PERMISSIONS]);
  });

  it("stores each grant once, in a fixed order, without what the role gives", () => {
    expect(
      grantsToStore("viewer", ["processes.review", "transactions.view_system", "processes.review"]),
    ).toEqual(["transactions.view_system", "processes.review"]);
    expect(grantsToStore("maker", ["processes.run", "processes.service"])).toEqual([
      "processes.service",
    ]);
    expect(grantsToStore("admin", [...GRANTABLE_PERMISSIONS])).toEqual([]);
    expect(grantsToStore("viewer", [])).toEqual([]);
  });

  it("a stored grant adds exactly that permission to the role's", () => {
    for (const role of ROLES) {
      for (const grant of GRANTABLE_PERMISSIONS) {
        const before = permissionsFor(role);
        const after = permissionsFor(role, { grants: grantsToStore(role, [grant]) });
        expect(after).toContain(grant);
        expect(after.filter((p) => !before.includes(p))).toEqual(
          before.includes(grant) ? [] : [grant],
        );
      }
    }
  });

  it("compares grant sets regardless of order", () => {
    expect(
      sameGrants(["processes.run", "processes.review"], ["processes.review", "processes.run"]),
    ).toBe(true);
    expect(sameGrants(["processes.run"], ["processes.run", "processes.review"])).toBe(false);
    expect(sameGrants([], [])).toBe(true);
  });
});
