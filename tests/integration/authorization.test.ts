import type { Operation } from "@prisma/client";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  approveOperationRequestAction,
  cancelOperationRequestAction,
  rejectOperationRequestAction,
  retryOperationRequestAction,
} from "@/app/(dashboard)/tickets/operation-requests/actions";
import { POST as approveRoute } from "@/app/api/v1/operation-requests/[id]/approve/route";
import { POST as cancelRoute } from "@/app/api/v1/operation-requests/[id]/cancel/route";
import { POST as rejectRoute } from "@/app/api/v1/operation-requests/[id]/reject/route";
import { POST as retryRoute } from "@/app/api/v1/operation-requests/[id]/retry/route";
import type { ActionResult } from "@/lib/actions/action-client";
import { decisionActorOf } from "@/lib/auth/principal";
import { prisma } from "@/lib/db";
import { mayAct, type RequestAction } from "@/lib/domain/policies/operation-requests";
import { approveOperationRequest } from "@/lib/services/operation-requests/approve-operation-request";
import { submitOperationRequest } from "@/lib/services/operation-requests/submit-operation-request";
import {
  createPayment,
  enableApprovals,
  principalOf,
  resetDatabase,
  seedMerchant,
  startSandboxGateway,
  type TestMerchant,
  type TestUser,
} from "./helpers";

/*
 * The route handler and the server action behind each decision button must answer alike, because
 * both reach the same service and the service asks the one policy. The action runs for real with a
 * real principal loaded from the database; only reading the signed session cookie (which needs a
 * Next.js request) is replaced, and refresh() (which needs a rendering action) does nothing.
 */
let session: { userId: string; merchantId: string } | null = null;
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => session,
}));
vi.mock("next/cache", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/cache")>()),
  refresh: () => {},
}));

type Outcome = "ok" | { code: string; message: string };

const ROUTES = {
  approve: approveRoute,
  reject: rejectRoute,
  cancel: cancelRoute,
  retry: retryRoute,
};

async function throughRoute(
  action: RequestAction,
  id: string,
  m: TestMerchant,
  who: TestUser,
): Promise<Outcome> {
  const request = new Request(`http://test/api/v1/operation-requests/${id}/${action}`, {
    method: "POST",
    headers: { authorization: `Bearer ${m.users[who].apiKey}`, "content-type": "application/json" },
    body: action === "reject" ? JSON.stringify({ reason: "Duplicate" }) : undefined,
  });
  const response = await ROUTES[action](request, { params: Promise.resolve({ id }) });
  if (response.status === 200) return "ok";
  const { error } = await response.json();
  return { code: error.code, message: error.message };
}

async function throughAction(
  action: RequestAction,
  id: string,
  m: TestMerchant,
  who: TestUser,
): Promise<Outcome> {
  session = { userId: m.users[who].id, merchantId: m.merchant.id };
  let result: ActionResult<unknown>;
  try {
    if (action === "approve") result = await approveOperationRequestAction({ id });
    else if (action === "reject")
      result = await rejectOperationRequestAction({ id, reason: "Duplicate" });
    else if (action === "cancel") result = await cancelOperationRequestAction({ id });
    else result = await retryOperationRequestAction({ id });
  } finally {
    session = null;
  }
  return result.ok ? "ok" : { code: result.error.code, message: result.error.message };
}

let gateway: Awaited<ReturnType<typeof startSandboxGateway>>;
let m: TestMerchant;

beforeAll(async () => {
  gateway = await startSandboxGateway();
});
afterAll(async () => {
  await gateway.close();
});
beforeEach(async () => {
  await resetDatabase();
  m = await seedMerchant();
  await enableApprovals(m);
});

/** A request in the state the action starts from: pending, or (for retry) needing manual action. */
async function requestFor(action: RequestAction, operation: Operation): Promise<string> {
  const payment = await createPayment(m, operation === "void" ? { state: "authorized" } : {});
  const id = await submitOperationRequest(principalOf(m, "maker"), {
    transactionId: payment.id,
    operation,
    ...(operation === "refund" ? { amount: "1.000" } : {}),
  });
  if (action !== "retry") return id;
  await prisma.sandboxGatewayBehaviour.upsert({
    where: { gatewayId: m.gateways.knet.id },
    create: { gatewayId: m.gateways.knet.id, mode: "decline" },
    update: { mode: "decline" },
  });
  await approveOperationRequest(principalOf(m, "checker", { checker: true }), id);
  await prisma.sandboxGatewayBehaviour.update({
    where: { gatewayId: m.gateways.knet.id },
    data: { mode: "succeed" },
  });
  return id;
}

const PEOPLE: TestUser[] = ["owner", "admin", "maker", "checker", "viewer"];
const ACTIONS: RequestAction[] = ["approve", "reject", "cancel", "retry"];

describe("route handler and server action agree, and follow the policy", () => {
  it.each(ACTIONS)("%s, for every role", async (action) => {
    for (const who of PEOPLE) {
      const principal = principalOf(m, who, { checker: who === "checker" });
      const allowed = mayAct(decisionActorOf(principal), action, { operation: "refund" }).ok;
      const viaRoute = await throughRoute(action, await requestFor(action, "refund"), m, who);
      const viaAction = await throughAction(action, await requestFor(action, "refund"), m, who);
      expect({ who, viaAction }).toEqual({ who, viaAction: viaRoute });
      expect({ who, allowed: viaRoute === "ok" }).toEqual({ who, allowed });
      if (!allowed)
        expect({ who, code: (viaRoute as { code: string }).code }).toEqual({
          who,
          code: "forbidden",
        });
    }
  });

  it("refuses a maker who may not approve before looking the request up, through either door", async () => {
    const other = await seedMerchant();
    const foreign = await requestForOther(other);
    for (const id of [foreign, "00000000-0000-4000-8000-000000000000"]) {
      for (const action of ["approve", "reject"] as const) {
        const viaRoute = await throughRoute(action, id, m, "maker");
        expect(viaRoute).toMatchObject({ code: "forbidden" });
        expect(await throughAction(action, id, m, "maker")).toEqual(viaRoute);
      }
    }
  });

  it("checks cancel and retry against the request's own operation", async () => {
    // A viewer holds neither permission: the refusal names payments.void, the void's own.
    const viaRoute = await throughRoute("cancel", await requestFor("cancel", "void"), m, "viewer");
    expect(viaRoute).toEqual({
      code: "forbidden",
      message: "You need the payments.void permission to cancel this request.",
    });
    expect(await throughAction("cancel", await requestFor("cancel", "void"), m, "viewer")).toEqual(
      viaRoute,
    );
    expect(await throughRoute("cancel", await requestFor("cancel", "void"), m, "maker")).toBe("ok");
  });
});

async function requestForOther(other: TestMerchant): Promise<string> {
  await enableApprovals(other);
  const payment = await createPayment(other);
  return submitOperationRequest(principalOf(other, "maker"), {
    transactionId: payment.id,
    operation: "refund",
    amount: "1.000",
  });
}
