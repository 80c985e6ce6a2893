import { describe, expect, it } from "vitest";
import { permissionsFor, ROLES } from "@/lib/domain/auth/permissions";
import { mayManageCheckoutSettings } from "./checkout-settings";

describe("mayManageCheckoutSettings", () => {
  it("allows owners and admins only, checker or not", () => {
    const allowed = ROLES.flatMap((role) =>
      [false, true].map((checker) => ({
        who: `${role}${checker ? "+checker" : ""}`,
        ok: mayManageCheckoutSettings({
          userId: role,
          isChecker: checker,
          permissions: permissionsFor(role, { checker }),
        }).ok,
      })),
    );
    expect(allowed.filter((row) => row.ok).map((row) => row.who)).toEqual([
      "owner",
      "owner+checker",
      "admin",
      "admin+checker",
    ]);
  });

  it("says which permission is missing", () => {
    const result = mayManageCheckoutSettings({
      userId: "u",
      isChecker: false,
      permissions: permissionsFor("maker"),
    });
    expect(result).toEqual({
      ok: false,
      code: "forbidden",
      message: "You do not have the 'checkout.settings' permission.",
    });
  });
});
