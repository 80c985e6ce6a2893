import { describe, expect, it } from "vitest";
import { permissionsFor, ROLES, type Role } from "@/lib/domain/auth/permissions";
import {
  availableActions,
  OPERATION_REQUEST_STATES,
  type OperationRequestState,
} from "@/lib/domain/operation-requests/lifecycle";
import { OPERATIONS } from "@/lib/domain/operation-requests/operations";
import {
  mayManageApiKeys,
  mayManageGateways,
  mayManageMembers,
  mayManagePlugin,
  mayManageWhitelist,
} from "./administration";
import {
  mayApprove,
  mayCancel,
  mayReject,
  mayRetry,
  maySubmit,
  mayViewRequests,
  type RequestAction,
} from "./operation-requests";
import type { DecisionActor, PolicyResult } from "./policy";

/** Every role, with and without the checker capability the plugin grants. */
type Who = `${Role}${"" | "+checker"}`;
const EVERYONE: Who[] = ROLES.flatMap((role) => [role, `${role}+checker`] as Who[]);

function actor(who: Who): DecisionActor {
  const [role, checker] = who.split("+") as [Role, string | undefined];
  const isChecker = checker === "checker";
  return { userId: who, isChecker, permissions: permissionsFor(role, { checker: isChecker }) };
}

const allowed = (result: PolicyResult) => result.ok;

// The whole table, written out: who may do what. Any change to a policy shows up here.
type Row = {
  view: boolean;
  submit: boolean;
  approve: boolean;
  reject: boolean;
  cancel: boolean;
  retry: boolean;
  plugin: boolean;
  whitelist: boolean;
  gateways: boolean;
  apiKeys: boolean;
  members: boolean;
};
const ADMIN: Row = {
  view: true,
  submit: true,
  approve: false,
  reject: false,
  cancel: true,
  retry: true,
  plugin: true,
  whitelist: true,
  gateways: true,
  apiKeys: true,
  members: true,
};
const ADMIN_CHECKER: Row = { ...ADMIN, approve: true, reject: true, cancel: false };
const MAKER: Row = {
  view: true,
  submit: true,
  approve: false,
  reject: false,
  cancel: true,
  retry: true,
  plugin: false,
  whitelist: false,
  gateways: false,
  apiKeys: true,
  members: false,
};
const VIEWER: Row = {
  view: true,
  submit: false,
  approve: false,
  reject: false,
  cancel: false,
  retry: false,
  plugin: false,
  whitelist: false,
  gateways: false,
  apiKeys: true,
  members: false,
};
const TABLE: Record<Who, Row> = {
  owner: ADMIN,
  "owner+checker": ADMIN_CHECKER,
  admin: ADMIN,
  "admin+checker": ADMIN_CHECKER,
  maker: MAKER,
  "maker+checker": { ...MAKER, approve: true, reject: true, cancel: false, whitelist: true },
  viewer: VIEWER,
  "viewer+checker": { ...VIEWER, approve: true, reject: true, whitelist: true },
};

describe("policies: roles x capability", () => {
  it.each(EVERYONE)("%s", (who) => {
    const a = actor(who);
    for (const operation of OPERATIONS) {
      const request = { operation };
      expect({
        view: allowed(mayViewRequests(a)),
        submit: allowed(maySubmit(a, operation)),
        approve: allowed(mayApprove(a)),
        reject: allowed(mayReject(a)),
        cancel: allowed(mayCancel(a, request)),
        retry: allowed(mayRetry(a, request)),
        plugin: allowed(mayManagePlugin(a)),
        whitelist: allowed(mayManageWhitelist(a)),
        gateways: allowed(mayManageGateways(a)),
        apiKeys: allowed(mayManageApiKeys(a)),
        members: allowed(mayManageMembers(a)),
      }).toEqual(TABLE[who]);
    }
  });

  it("names the permission that is missing, per operation", () => {
    const refundOnly: DecisionActor = {
      userId: "r",
      isChecker: false,
      permissions: ["payments.refund"],
    };
    expect(maySubmit(refundOnly, "refund")).toEqual({ ok: true });
    expect(maySubmit(refundOnly, "void")).toEqual({
      ok: false,
      code: "forbidden",
      message: "You need the payments.void permission to request a void.",
    });
    expect(mayCancel(refundOnly, { operation: "void" })).toEqual({
      ok: false,
      code: "forbidden",
      message: "You need the payments.void permission to cancel this request.",
    });
    expect(mayRetry(refundOnly, { operation: "void" })).toEqual({
      ok: false,
      code: "forbidden",
      message: "You need the payments.void permission to retry this request.",
    });
    expect(mayRetry(refundOnly, { operation: "refund" })).toEqual({ ok: true });
  });

  it("refuses with forbidden and a message for the person who asked", () => {
    const viewer = actor("viewer");
    expect(mayApprove(viewer)).toEqual({
      ok: false,
      code: "forbidden",
      message: "Only the checker can approve requests.",
    });
    expect(mayCancel(actor("maker+checker"), { operation: "refund" })).toEqual({
      ok: false,
      code: "forbidden",
      message: "The checker cannot cancel a request; reject it instead.",
    });
    expect(mayManageWhitelist(viewer)).toEqual({
      ok: false,
      code: "forbidden",
      message: "Only the checker or an admin can change the whitelist.",
    });
    expect(mayManageGateways(viewer)).toEqual({
      ok: false,
      code: "forbidden",
      message: "You do not have the 'gateways.manage' permission.",
    });
    expect(mayManageMembers(actor("maker"))).toEqual({
      ok: false,
      code: "forbidden",
      message: "You do not have the 'members.manage' permission.",
    });
  });
});

describe("availableActions: the buttons, over roles x states", () => {
  // Only pending and manual-action requests offer anything; written out for the others too.
  const NONE: Record<OperationRequestState, RequestAction[]> = {
    pending: [],
    approved: [],
    done: [],
    manual_action_required: [],
    rejected: [],
    canceled: [],
    expired: [],
  };
  const STAFF = { ...NONE, pending: ["cancel"], manual_action_required: ["retry"] } as const;
  const STAFF_CHECKER = {
    ...NONE,
    pending: ["approve", "reject"],
    manual_action_required: ["retry"],
  } as const;
  const BUTTONS: Record<Who, Record<OperationRequestState, readonly RequestAction[]>> = {
    owner: STAFF,
    "owner+checker": STAFF_CHECKER,
    admin: STAFF,
    "admin+checker": STAFF_CHECKER,
    maker: STAFF,
    "maker+checker": STAFF_CHECKER,
    viewer: NONE,
    "viewer+checker": { ...NONE, pending: ["approve", "reject"] },
  };

  it.each(EVERYONE)("%s", (who) => {
    for (const operation of OPERATIONS) {
      for (const state of OPERATION_REQUEST_STATES) {
        expect([state, availableActions({ state, operation }, actor(who))]).toEqual([
          state,
          BUTTONS[who][state],
        ]);
      }
    }
  });

  it("follows the request's own operation", () => {
    const voidOnly: DecisionActor = {
      userId: "v",
      isChecker: false,
      permissions: ["payments.void"],
    };
    expect(availableActions({ state: "pending", operation: "refund" }, voidOnly)).toEqual([]);
    expect(availableActions({ state: "pending", operation: "void" }, voidOnly)).toEqual(["cancel"]);
  });
});
