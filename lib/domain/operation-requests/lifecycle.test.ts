import { describe, expect, it } from "vitest";
import {
  type Actor,
  decide,
  decideSubmission,
  isOpenState,
  isRequestOverdue,
  LIFECYCLE_EVENTS,
  type LifecycleEvent,
  OPEN_STATES,
  OPERATION_REQUEST_STATES,
  type Operation,
  type OperationRequestState,
  REJECTION_REASON_MAX_LENGTH,
  TERMINAL_STATES,
} from "./lifecycle";

const NOW = new Date("2026-03-01T12:00:00.000Z");
const LATER = new Date(NOW.getTime() + 60_000);
const EARLIER = new Date(NOW.getTime() - 60_000);

const checker: Actor = {
  userId: "checker",
  isChecker: true,
  permissions: ["payments.refund", "payments.void", "operation_requests.approve"],
};
const maker: Actor = {
  userId: "maker",
  isChecker: false,
  permissions: ["payments.refund", "payments.void"],
};
const viewer: Actor = { userId: "viewer", isChecker: false, permissions: [] };

function request(
  state: OperationRequestState,
  deadlineAt: Date | null = LATER,
  operation: Operation = "refund",
) {
  return { state, operation, deadlineAt };
}

const CANCELED = ["request_canceled", "This request has been canceled."] as const;
const EXPIRED = ["request_expired", "This request has expired."] as const;
const STILL_PENDING = ["invalid_state", "This request is still pending approval."] as const;
const already = (word: string) => ["invalid_state", `This request is already ${word}.`] as const;

type Outcome = OperationRequestState | readonly [code: string, message: string];

// The whole table, written out: any change to what may happen from where shows up here.
const MATRIX: Record<LifecycleEvent, Record<OperationRequestState, Outcome>> = {
  approve: {
    pending: "approved",
    approved: already("approved"),
    done: already("done"),
    manual_action_required: already("manual action required"),
    rejected: already("rejected"),
    canceled: CANCELED,
    expired: EXPIRED,
  },
  reject: {
    pending: "rejected",
    approved: already("approved"),
    done: already("done"),
    manual_action_required: already("manual action required"),
    rejected: already("rejected"),
    canceled: CANCELED,
    expired: EXPIRED,
  },
  cancel: {
    pending: "canceled",
    approved: already("approved"),
    done: already("done"),
    manual_action_required: already("manual action required"),
    rejected: already("rejected"),
    canceled: CANCELED,
    expired: EXPIRED,
  },
  execute_succeeded: {
    pending: STILL_PENDING,
    approved: "done",
    done: already("done"),
    manual_action_required: "done",
    rejected: already("rejected"),
    canceled: CANCELED,
    expired: EXPIRED,
  },
  execute_failed: {
    pending: STILL_PENDING,
    approved: "manual_action_required",
    done: already("done"),
    manual_action_required: "manual_action_required",
    rejected: already("rejected"),
    canceled: CANCELED,
    expired: EXPIRED,
  },
  retry: {
    pending: STILL_PENDING,
    approved: already("approved"),
    done: already("done"),
    manual_action_required: "manual_action_required",
    rejected: already("rejected"),
    canceled: CANCELED,
    expired: EXPIRED,
  },
  expire: {
    pending: "expired",
    approved: already("approved"),
    done: already("done"),
    manual_action_required: "expired",
    rejected: already("rejected"),
    canceled: CANCELED,
    expired: EXPIRED,
  },
};

/** Someone allowed to attempt each event, so the matrix tests states and nothing else. */
const ALLOWED_ACTOR: Record<LifecycleEvent, Actor> = {
  approve: checker,
  reject: checker,
  cancel: maker,
  execute_succeeded: maker,
  execute_failed: maker,
  retry: maker,
  expire: viewer,
};

const CASES = LIFECYCLE_EVENTS.flatMap((event) =>
  OPERATION_REQUEST_STATES.map((state) => ({ event, state, outcome: MATRIX[event][state] })),
);

describe("decide: the transition table", () => {
  it("covers every state and event", () => {
    expect(CASES).toHaveLength(OPERATION_REQUEST_STATES.length * LIFECYCLE_EVENTS.length);
  });

  it.each(CASES)("$event on $state -> $outcome", ({ event, state, outcome }) => {
    // Only expire needs the deadline behind us; every other event is tried well before it.
    const subject = request(state, event === "expire" ? EARLIER : LATER);
    const result = decide(subject, event, ALLOWED_ACTOR[event], NOW, {
      reason: "Duplicate charge",
    });
    if (typeof outcome === "string") {
      expect(result).toMatchObject({ ok: true, next: outcome });
    } else {
      expect(result).toEqual({ ok: false, code: outcome[0], message: outcome[1] });
    }
  });

  it("lets nothing happen to a request once it is terminal", () => {
    for (const event of LIFECYCLE_EVENTS) {
      for (const state of TERMINAL_STATES) {
        const subject = request(state, event === "expire" ? EARLIER : LATER);
        expect(decide(subject, event, ALLOWED_ACTOR[event], NOW, { reason: "x" }).ok).toBe(false);
      }
    }
  });
});

describe("decide: who may act", () => {
  it.each(["approve", "reject"] as const)("lets only the checker %s", (event) => {
    for (const actor of [maker, viewer]) {
      expect(decide(request("pending"), event, actor, NOW, { reason: "x" })).toEqual({
        ok: false,
        code: "forbidden",
        message: `Only the checker can ${event} requests.`,
      });
    }
  });

  it("lets a checker without the operation's permission approve and reject", () => {
    const viewerChecker: Actor = {
      userId: "vc",
      isChecker: true,
      permissions: ["operation_requests.approve"],
    };
    expect(decide(request("pending"), "approve", viewerChecker, NOW)).toEqual({
      ok: true,
      next: "approved",
    });
    expect(
      decide(request("pending"), "reject", viewerChecker, NOW, { reason: "No" }),
    ).toMatchObject({ ok: true });
  });

  it("refuses cancel to the checker, who rejects instead", () => {
    expect(decide(request("pending"), "cancel", checker, NOW)).toEqual({
      ok: false,
      code: "forbidden",
      message: "The checker cannot cancel a request; reject it instead.",
    });
  });

  it("lets any holder of the operation's permission cancel, not only the submitter", () => {
    const colleague: Actor = {
      userId: "someone-else",
      isChecker: false,
      permissions: ["payments.void"],
    };
    expect(decide(request("pending", LATER, "void"), "cancel", colleague, NOW)).toEqual({
      ok: true,
      next: "canceled",
    });
  });

  it.each(["cancel", "retry"] as const)(
    "requires the operation's own permission to %s",
    (event) => {
      const refundOnly: Actor = { userId: "r", isChecker: false, permissions: ["payments.refund"] };
      const voidRequest = request(
        event === "cancel" ? "pending" : "manual_action_required",
        LATER,
        "void",
      );
      expect(decide(voidRequest, event, refundOnly, NOW)).toEqual({
        ok: false,
        code: "forbidden",
        message: `You need the payments.void permission to ${event} this request.`,
      });
      expect(decide(voidRequest, event, maker, NOW).ok).toBe(true);
    },
  );

  it("lets the checker retry when they hold the operation's permission, and not otherwise", () => {
    expect(decide(request("manual_action_required"), "retry", checker, NOW)).toEqual({
      ok: true,
      next: "manual_action_required",
    });
    const bareChecker: Actor = { userId: "c", isChecker: true, permissions: [] };
    expect(decide(request("manual_action_required"), "retry", bareChecker, NOW)).toMatchObject({
      code: "forbidden",
    });
  });

  it("refuses an actor who may never act before saying anything about the state", () => {
    expect(decide(request("canceled"), "approve", maker, NOW)).toMatchObject({ code: "forbidden" });
    expect(decide(request("pending", EARLIER), "cancel", checker, NOW)).toMatchObject({
      code: "forbidden",
    });
  });

  it.each(["execute_succeeded", "execute_failed", "expire"] as const)(
    "records %s whoever triggered it",
    (event) => {
      const subject = request(
        event === "expire" ? "pending" : "approved",
        event === "expire" ? EARLIER : LATER,
      );
      for (const actor of [viewer, maker, checker]) {
        expect(decide(subject, event, actor, NOW).ok).toBe(true);
      }
    },
  );
});

describe("decide: deadlines", () => {
  const overdueActions = [
    { event: "approve", state: "pending", actor: checker },
    { event: "reject", state: "pending", actor: checker },
    { event: "cancel", state: "pending", actor: maker },
    { event: "retry", state: "manual_action_required", actor: maker },
  ] as const;

  it.each(overdueActions)(
    "refuses $event on an overdue $state request as expired",
    ({ event, state, actor }) => {
      for (const deadlineAt of [EARLIER, NOW]) {
        expect(decide(request(state, deadlineAt), event, actor, NOW, { reason: "x" })).toEqual({
          ok: false,
          code: "request_expired",
          message: "This request has expired.",
        });
      }
    },
  );

  it.each(overdueActions)(
    "allows $event one millisecond before the deadline",
    ({ event, state, actor }) => {
      const deadlineAt = new Date(NOW.getTime() + 1);
      expect(decide(request(state, deadlineAt), event, actor, NOW, { reason: "x" }).ok).toBe(true);
    },
  );

  it.each(overdueActions)(
    "allows $event on a $state request without a deadline",
    ({ event, state, actor }) => {
      expect(decide(request(state, null), event, actor, NOW, { reason: "x" }).ok).toBe(true);
    },
  );

  it("still records the gateway's answer after the deadline: the money has moved either way", () => {
    const overdue = request("manual_action_required", EARLIER);
    expect(decide(overdue, "execute_succeeded", maker, NOW)).toEqual({ ok: true, next: "done" });
    expect(decide(overdue, "execute_failed", maker, NOW)).toEqual({
      ok: true,
      next: "manual_action_required",
    });
  });

  it.each(["pending", "manual_action_required"] as const)(
    "expires %s only once its deadline is reached",
    (state) => {
      const notYet = {
        ok: false,
        code: "invalid_state",
        message: "This request is not past its deadline yet.",
      };
      expect(decide(request(state, LATER), "expire", viewer, NOW)).toEqual(notYet);
      expect(decide(request(state, null), "expire", viewer, NOW)).toEqual(notYet);
      expect(decide(request(state, NOW), "expire", viewer, NOW)).toEqual({
        ok: true,
        next: "expired",
      });
    },
  );

  it("reports a state refusal, not expiry, when the action never applied to that state", () => {
    expect(
      decide(request("manual_action_required", EARLIER), "approve", checker, NOW),
    ).toMatchObject({
      code: "invalid_state",
    });
  });
});

describe("isRequestOverdue", () => {
  it.each(OPERATION_REQUEST_STATES)("for %s", (state) => {
    const expires = state === "pending" || state === "manual_action_required";
    expect(isRequestOverdue(request(state, EARLIER), NOW)).toBe(expires);
    expect(isRequestOverdue(request(state, NOW), NOW)).toBe(expires);
    expect(isRequestOverdue(request(state, LATER), NOW)).toBe(false);
    expect(isRequestOverdue(request(state, null), NOW)).toBe(false);
  });

  it("agrees with what decide() lets expire", () => {
    for (const state of OPERATION_REQUEST_STATES) {
      for (const deadlineAt of [EARLIER, NOW, LATER, null]) {
        const subject = request(state, deadlineAt);
        expect(isRequestOverdue(subject, NOW)).toBe(decide(subject, "expire", viewer, NOW).ok);
      }
    }
  });
});

describe("decide: rejection reason", () => {
  const reject = (reason?: string) =>
    decide(request("pending"), "reject", checker, NOW, { reason });
  const required = {
    ok: false,
    code: "validation_error",
    message: "A reason is required to reject a request.",
  };

  it("requires a reason that is more than whitespace", () => {
    expect(reject(undefined)).toEqual(required);
    expect(reject("")).toEqual(required);
    expect(reject(" \n\t ")).toEqual(required);
  });

  it("returns the reason trimmed", () => {
    expect(reject("  Customer asked twice \n")).toEqual({
      ok: true,
      next: "rejected",
      reason: "Customer asked twice",
    });
  });

  it("accepts 500 characters and refuses 501, counting surrounding spaces out", () => {
    expect(reject("a".repeat(REJECTION_REASON_MAX_LENGTH))).toMatchObject({ ok: true });
    expect(reject(`  ${"a".repeat(REJECTION_REASON_MAX_LENGTH)}  `)).toMatchObject({ ok: true });
    expect(reject("a".repeat(REJECTION_REASON_MAX_LENGTH + 1))).toEqual({
      ok: false,
      code: "validation_error",
      message: "The reason must be at most 500 characters.",
    });
  });

  it("counts characters as the database does, so an emoji is one", () => {
    expect(reject("😀".repeat(REJECTION_REASON_MAX_LENGTH))).toMatchObject({ ok: true });
    expect(reject("😀".repeat(REJECTION_REASON_MAX_LENGTH + 1))).toMatchObject({
      code: "validation_error",
    });
  });

  it("says the state is wrong before complaining about the reason", () => {
    expect(decide(request("rejected"), "reject", checker, NOW)).toMatchObject({
      code: "invalid_state",
    });
  });

  it("ignores a reason on other events", () => {
    expect(decide(request("pending"), "approve", checker, NOW, { reason: "fine" })).toEqual({
      ok: true,
      next: "approved",
    });
  });
});

describe("decideSubmission", () => {
  const submit = (
    submitter: Actor,
    {
      pluginEnabled = true,
      whitelistedOperations = [] as Operation[],
      operation = "refund" as Operation,
    } = {},
  ) => decideSubmission({ operation, submitter, pluginEnabled, whitelistedOperations });

  it("leaves a maker's request pending for the checker", () => {
    expect(submit(maker)).toEqual({ ok: true, initialState: "pending" });
  });

  it("approves at once what the checker submits", () => {
    expect(submit(checker)).toEqual({
      ok: true,
      initialState: "approved",
      direct: true,
      reason: "checker",
    });
  });

  it("approves at once for a submitter whitelisted for that operation only", () => {
    expect(submit(maker, { whitelistedOperations: ["refund"] })).toEqual({
      ok: true,
      initialState: "approved",
      direct: true,
      reason: "whitelisted",
    });
    expect(submit(maker, { whitelistedOperations: ["void"] })).toEqual({
      ok: true,
      initialState: "pending",
    });
    expect(submit(maker, { whitelistedOperations: ["void"], operation: "void" })).toMatchObject({
      reason: "whitelisted",
    });
  });

  it("approves everything at once while the plugin is disabled, and names that reason first", () => {
    for (const submitter of [maker, checker]) {
      expect(
        submit(submitter, { pluginEnabled: false, whitelistedOperations: ["refund"] }),
      ).toEqual({
        ok: true,
        initialState: "approved",
        direct: true,
        reason: "plugin_disabled",
      });
    }
  });

  it("prefers checker over whitelisted", () => {
    expect(submit(checker, { whitelistedOperations: ["refund"] })).toMatchObject({
      reason: "checker",
    });
  });

  it("refuses a submitter without the operation's permission, whatever else holds", () => {
    const viewerChecker: Actor = {
      userId: "vc",
      isChecker: true,
      permissions: ["operation_requests.approve"],
    };
    for (const submitter of [viewer, viewerChecker]) {
      for (const pluginEnabled of [true, false]) {
        expect(
          submit(submitter, { pluginEnabled, whitelistedOperations: ["void"], operation: "void" }),
        ).toEqual({
          ok: false,
          code: "forbidden",
          message: "You need the payments.void permission to request a void.",
        });
      }
    }
  });
});

describe("states", () => {
  it("splits every state into open or terminal, never both", () => {
    expect([...OPEN_STATES, ...TERMINAL_STATES].sort()).toEqual(
      [...OPERATION_REQUEST_STATES].sort(),
    );
    for (const state of OPERATION_REQUEST_STATES) {
      expect(isOpenState(state)).toBe((OPEN_STATES as readonly string[]).includes(state));
    }
    expect(OPEN_STATES).toEqual(["pending", "approved", "manual_action_required"]);
  });
});
