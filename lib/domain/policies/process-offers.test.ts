import { describe, expect, it } from "vitest";
import { type Permission, permissionsFor, type Role } from "@/lib/domain/auth/permissions";
import { PROCESS_STATUSES } from "@/lib/domain/ledger/statuses";
import type { DecisionActor } from "./policy";
import { processOffers } from "./process-offers";

const as = (role: Role, grants: Permission[] = []): DecisionActor => ({
  userId: "u",
  isChecker: false,
  permissions: permissionsFor(role, { grants }),
});
const only = (...permissions: Permission[]): DecisionActor => ({
  userId: "u",
  isChecker: false,
  permissions,
});

describe("processOffers", () => {
  it("offers capture and decline of a pending distributed process to those who may decide it", () => {
    expect(processOffers(as("admin"), { type: "bank_redeem", status: "pending" })).toEqual([
      "capture",
      "decline",
    ]);
    expect(processOffers(as("maker"), { type: "gate_redeem", status: "pending" })).toEqual([
      "capture",
      "decline",
    ]);
    // A pending single-session process has no second session.
    expect(processOffers(as("admin"), { type: "bank_topup", status: "pending" })).toEqual([]);
    // processes.run without the type's viewer scope: nothing (the service answers not found).
    expect(
      processOffers(only("processes.run", "transactions.view_system"), {
        type: "gate_redeem",
        status: "pending",
      }),
    ).toEqual([]);
    expect(processOffers(as("viewer"), { type: "bank_redeem", status: "pending" })).toEqual([]);
  });

  it("offers the review of a limited process only with processes.review", () => {
    expect(
      processOffers(as("admin"), { type: "client_transaction_transfer", status: "limited" }),
    ).toEqual(["review_approve", "review_reject"]);
    expect(
      processOffers(as("maker"), { type: "client_transaction_transfer", status: "limited" }),
    ).toEqual([]);
    expect(
      processOffers(as("maker", ["processes.review"]), {
        type: "client_transaction_transfer",
        status: "limited",
      }),
    ).toEqual(["review_approve", "review_reject"]);
  });

  it("splits a card issue's approval between the service role and the customer's code", () => {
    const card = { type: "gate_issue_card", status: "waiting_for_approval" } as const;
    expect(processOffers(as("admin"), card)).toEqual([
      "service_approve",
      "confirm_code",
      "decline",
    ]);
    expect(processOffers(as("admin"), { ...card, serviceApproved: true })).toEqual([
      "confirm_code",
      "decline",
    ]);
    expect(processOffers(as("admin"), { ...card, codeConfirmed: true })).toEqual([
      "service_approve",
      "decline",
    ]);
    expect(processOffers(as("maker"), card)).toEqual(["confirm_code"]);
    expect(processOffers(only("processes.service"), card)).toEqual(["service_approve", "decline"]);
  });

  it("offers nothing on a finished, created or error process", () => {
    for (const status of PROCESS_STATUSES) {
      if (status === "pending" || status === "limited" || status === "waiting_for_approval")
        continue;
      expect(processOffers(as("admin"), { type: "bank_redeem", status }), status).toEqual([]);
    }
  });
});
