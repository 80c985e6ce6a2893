import { describe, expect, it } from "vitest";
import {
  type GrantablePermission,
  permissionsFor,
  ROLES,
  type Role,
} from "@/lib/domain/auth/permissions";
import { ACCOUNT_KINDS, type AccountKind } from "@/lib/domain/ledger/accounts";
import { PROCESS_TYPES, type ProcessType } from "@/lib/domain/ledger/catalogue";
import type { DecisionActor, PolicyResult } from "./policy";
import {
  mayApproveCardIssue,
  mayDecideProcess,
  mayReviewProcess,
  mayRunProcess,
  mayViewAccount,
  mayViewClientProcesses,
  mayViewProcess,
  mayViewProcesses,
  mayViewSystemProcesses,
  viewerScopes,
} from "./processes";

function actor(role: Role, grants: GrantablePermission[] = [], checker = false): DecisionActor {
  return {
    userId: `${role}+${grants.join("+")}`,
    isChecker: checker,
    permissions: permissionsFor(role, { checker, grants }),
  };
}

/** "ok", or the refusal's code. */
const outcome = (result: PolicyResult) => (result.ok ? "ok" : result.code);

// Who may run which type, written out: admin and owner (both scopes + run), maker (client scope +
// run), viewer (nothing). "system" is a refusal for lack of the scope, "run" for lack of
// processes.run, "made" for a type only the system makes.
type Run = "ok" | "system" | "run" | "made";
const RUN: Record<ProcessType, { admin: Run; maker: Run; viewer: Run }> = {
  gate_redeem: { admin: "ok", maker: "ok", viewer: "run" },
  client_transaction_transfer: { admin: "ok", maker: "ok", viewer: "run" },
  client_transaction_issue: { admin: "ok", maker: "system", viewer: "run" },
  client_create_prepaid: { admin: "ok", maker: "ok", viewer: "run" },
  client_charge_prepaid: { admin: "ok", maker: "ok", viewer: "run" },
  merchant_payment: { admin: "ok", maker: "ok", viewer: "run" },
  merchant_invoice: { admin: "ok", maker: "ok", viewer: "run" },
  gate_charge: { admin: "ok", maker: "ok", viewer: "run" },
  gate_purchase: { admin: "ok", maker: "ok", viewer: "run" },
  gate_issue_card: { admin: "ok", maker: "ok", viewer: "run" },
  exchange_transaction: { admin: "ok", maker: "ok", viewer: "run" },
  exchange_reserve_top_up: { admin: "ok", maker: "system", viewer: "run" },
  exchange_reserve_withdraw: { admin: "ok", maker: "system", viewer: "run" },
  cash_desk_redeem: { admin: "ok", maker: "ok", viewer: "run" },
  cash_desk_charge: { admin: "ok", maker: "ok", viewer: "run" },
  cash_investment: { admin: "ok", maker: "system", viewer: "run" },
  cash_collect: { admin: "ok", maker: "system", viewer: "run" },
  cash_input: { admin: "ok", maker: "system", viewer: "run" },
  contract_transit: { admin: "ok", maker: "ok", viewer: "run" },
  bank_topup: { admin: "ok", maker: "ok", viewer: "run" },
  bank_redeem: { admin: "ok", maker: "ok", viewer: "run" },
  gate_card_refund: { admin: "made", maker: "made", viewer: "run" },
  gate_refund: { admin: "ok", maker: "ok", viewer: "run" },
  gate_reversal: { admin: "made", maker: "made", viewer: "run" },
};

const CODE: Record<Run, string> = {
  ok: "ok",
  system: "forbidden",
  run: "forbidden",
  made: "operation_not_allowed",
};

const SYSTEM_ONLY: ProcessType[] = [
  "client_transaction_issue",
  "exchange_reserve_top_up",
  "exchange_reserve_withdraw",
  "cash_investment",
  "cash_collect",
  "cash_input",
];
const BOTH: ProcessType[] = ["cash_desk_redeem", "cash_desk_charge", "bank_topup", "bank_redeem"];
const CLIENT_ONLY = PROCESS_TYPES.filter((t) => !SYSTEM_ONLY.includes(t) && !BOTH.includes(t));
const CLIENT_KINDS: AccountKind[] = ["client_coin", "prepaid_voucher", "deposit_coin"];

describe("viewerScopes", () => {
  it("follows the roles: both for owner and admin, client for maker, none for viewer", () => {
    expect(viewerScopes(actor("owner"))).toEqual(["client", "system"]);
    expect(viewerScopes(actor("admin"))).toEqual(["client", "system"]);
    expect(viewerScopes(actor("maker"))).toEqual(["client"]);
    expect(viewerScopes(actor("viewer"))).toEqual([]);
  });

  it("follows the grants", () => {
    expect(viewerScopes(actor("viewer", ["transactions.view_system"]))).toEqual(["system"]);
    expect(viewerScopes(actor("viewer", ["transactions.view_client"]))).toEqual(["client"]);
    expect(viewerScopes(actor("maker", ["transactions.view_system"]))).toEqual([
      "client",
      "system",
    ]);
    expect(viewerScopes(actor("viewer", ["processes.run", "processes.review"]))).toEqual([]);
  });

  it("is not changed by the checker capability", () => {
    for (const role of ROLES)
      expect(viewerScopes(actor(role, [], true))).toEqual(viewerScopes(actor(role)));
  });
});

describe("mayViewProcesses and the two menus", () => {
  it.each([
    ["owner", [], "ok", "ok", "ok"],
    ["admin", [], "ok", "ok", "ok"],
    ["maker", [], "ok", "ok", "forbidden"],
    ["viewer", [], "forbidden", "forbidden", "forbidden"],
    ["viewer", ["transactions.view_system"], "ok", "forbidden", "ok"],
    ["viewer", ["transactions.view_client"], "ok", "ok", "forbidden"],
  ] as [Role, GrantablePermission[], string, string, string][])(
    "%s %j: any %s, client %s, system %s",
    (role, grants, any, client, system) => {
      const a = actor(role, grants);
      expect(outcome(mayViewProcesses(a))).toBe(any);
      expect(outcome(mayViewClientProcesses(a))).toBe(client);
      expect(outcome(mayViewSystemProcesses(a))).toBe(system);
    },
  );
});

describe("mayRunProcess", () => {
  it.each(PROCESS_TYPES)("%s, by role", (type) => {
    const expected = RUN[type];
    expect(outcome(mayRunProcess(actor("owner"), type))).toBe(CODE[expected.admin]);
    expect(outcome(mayRunProcess(actor("admin"), type))).toBe(CODE[expected.admin]);
    expect(outcome(mayRunProcess(actor("maker"), type))).toBe(CODE[expected.maker]);
    expect(outcome(mayRunProcess(actor("viewer"), type))).toBe(CODE[expected.viewer]);
    // The checker capability changes nothing here.
    expect(outcome(mayRunProcess(actor("maker", [], true), type))).toBe(CODE[expected.maker]);
  });

  it("tells a member without processes.run which permission is missing", () => {
    const refusal = mayRunProcess(actor("viewer"), "bank_topup");
    expect(refusal).toEqual({
      ok: false,
      code: "forbidden",
      message: "You do not have the 'processes.run' permission.",
    });
  });

  it("lets a system viewer run exchange_reserve_top_up only with processes.run too", () => {
    expect(
      outcome(
        mayRunProcess(actor("viewer", ["transactions.view_system"]), "exchange_reserve_top_up"),
      ),
    ).toBe("forbidden");
    const runner = actor("viewer", ["transactions.view_system", "processes.run"]);
    expect(outcome(mayRunProcess(runner, "exchange_reserve_top_up"))).toBe("ok");
    for (const type of SYSTEM_ONLY) expect(outcome(mayRunProcess(runner, type))).toBe("ok");
    for (const type of BOTH) expect(outcome(mayRunProcess(runner, type))).toBe("ok");
    for (const type of CLIENT_ONLY) {
      expect(outcome(mayRunProcess(runner, type))).toBe(
        type === "gate_card_refund" || type === "gate_reversal"
          ? "operation_not_allowed"
          : "forbidden",
      );
    }
    expect(mayRunProcess(runner, "gate_redeem")).toEqual({
      ok: false,
      code: "forbidden",
      message: "Running a Withdrawal via provider process needs 'transactions.view_client'.",
    });
  });

  it("lets a maker run bank_topup (client, system) but not cash_collect (system only)", () => {
    const maker = actor("maker");
    expect(outcome(mayRunProcess(maker, "bank_topup"))).toBe("ok");
    expect(mayRunProcess(maker, "cash_collect")).toEqual({
      ok: false,
      code: "forbidden",
      message: "Running a Cash collect process needs 'transactions.view_system'.",
    });
    expect(
      outcome(mayRunProcess(actor("maker", ["transactions.view_system"]), "cash_collect")),
    ).toBe("ok");
  });

  it("refuses processes.run without a viewer scope, naming both scopes for a shared type", () => {
    const runner = actor("viewer", ["processes.run"]);
    for (const type of PROCESS_TYPES) {
      expect(outcome(mayRunProcess(runner, type))).toBe(
        type === "gate_card_refund" || type === "gate_reversal"
          ? "operation_not_allowed"
          : "forbidden",
      );
    }
    expect(mayRunProcess(runner, "bank_topup")).toEqual({
      ok: false,
      code: "forbidden",
      message:
        "Running a Topup via bank process needs 'transactions.view_client' or 'transactions.view_system'.",
    });
  });

  it("refuses the system-made types to everyone, with a reason", () => {
    for (const type of ["gate_card_refund", "gate_reversal"] as const) {
      expect(mayRunProcess(actor("owner"), type)).toEqual({
        ok: false,
        code: "operation_not_allowed",
        message: "This process is made by the operations API, not run by hand.",
      });
    }
  });
});

describe("mayViewProcess hides the other scope as not found", () => {
  it.each(PROCESS_TYPES)("%s", (type) => {
    const client = !SYSTEM_ONLY.includes(type);
    const system = SYSTEM_ONLY.includes(type) || BOTH.includes(type);
    expect(outcome(mayViewProcess(actor("admin"), type))).toBe("ok");
    expect(outcome(mayViewProcess(actor("maker"), type))).toBe(client ? "ok" : "not_found");
    expect(outcome(mayViewProcess(actor("viewer", ["transactions.view_system"]), type))).toBe(
      system ? "ok" : "not_found",
    );
    expect(outcome(mayViewProcess(actor("viewer"), type))).toBe("not_found");
  });

  it("says no such process, not forbidden", () => {
    expect(mayViewProcess(actor("maker"), "cash_collect")).toEqual({
      ok: false,
      code: "not_found",
      message: "No such process.",
    });
  });
});

describe("mayViewAccount hides the other scope as not found", () => {
  it.each(ACCOUNT_KINDS)("%s", (kind) => {
    const client = CLIENT_KINDS.includes(kind);
    expect(outcome(mayViewAccount(actor("owner"), kind))).toBe("ok");
    expect(outcome(mayViewAccount(actor("maker"), kind))).toBe(client ? "ok" : "not_found");
    expect(outcome(mayViewAccount(actor("viewer", ["transactions.view_system"]), kind))).toBe(
      client ? "not_found" : "ok",
    );
    expect(outcome(mayViewAccount(actor("viewer"), kind))).toBe("not_found");
  });

  it("says no such account", () => {
    expect(mayViewAccount(actor("maker"), "bank")).toEqual({
      ok: false,
      code: "not_found",
      message: "No such account.",
    });
  });
});

describe("mayDecideProcess", () => {
  it("needs processes.run, then hides a type outside the scopes", () => {
    expect(outcome(mayDecideProcess(actor("viewer"), "gate_redeem"))).toBe("forbidden");
    expect(outcome(mayDecideProcess(actor("maker"), "gate_redeem"))).toBe("ok");
    expect(outcome(mayDecideProcess(actor("maker"), "bank_redeem"))).toBe("ok");
    expect(outcome(mayDecideProcess(actor("maker"), "cash_collect"))).toBe("not_found");
    const system = actor("viewer", ["transactions.view_system", "processes.run"]);
    expect(outcome(mayDecideProcess(system, "cash_desk_redeem"))).toBe("ok");
    expect(outcome(mayDecideProcess(system, "gate_redeem"))).toBe("not_found");
    expect(
      outcome(mayDecideProcess(actor("viewer", ["transactions.view_system"]), "cash_collect")),
    ).toBe("forbidden");
    for (const type of PROCESS_TYPES)
      expect(outcome(mayDecideProcess(actor("admin"), type))).toBe("ok");
  });
});

describe("review and service", () => {
  it.each([
    ["owner", [], "ok", "ok"],
    ["admin", [], "ok", "ok"],
    ["maker", [], "forbidden", "forbidden"],
    ["viewer", [], "forbidden", "forbidden"],
    ["viewer", ["processes.review"], "ok", "forbidden"],
    ["maker", ["processes.service"], "forbidden", "ok"],
    [
      "viewer",
      ["processes.run", "transactions.view_client", "transactions.view_system"],
      "forbidden",
      "forbidden",
    ],
  ] as [Role, GrantablePermission[], string, string][])(
    "%s %j: review %s, service %s",
    (role, grants, review, service) => {
      const a = actor(role, grants);
      expect(outcome(mayReviewProcess(a))).toBe(review);
      expect(outcome(mayApproveCardIssue(a))).toBe(service);
    },
  );

  it("names the missing permission", () => {
    expect(mayReviewProcess(actor("maker"))).toEqual({
      ok: false,
      code: "forbidden",
      message: "You do not have the 'processes.review' permission.",
    });
    expect(mayApproveCardIssue(actor("maker"))).toEqual({
      ok: false,
      code: "forbidden",
      message: "You do not have the 'processes.service' permission.",
    });
  });
});
