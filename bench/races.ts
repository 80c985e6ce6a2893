/**
 * Races and throughput through the services themselves (as route handlers and server actions call
 * them), on a fresh small merchant, with the sandbox gateway behind real loopback HTTP.
 */
import type { Principal } from "@/lib/auth/principal";
import { prisma } from "@/lib/db";
import { approveOperationRequest } from "@/lib/services/operation-requests/approve-operation-request";
import { retryOperationRequest } from "@/lib/services/operation-requests/retry-operation-request";
import { submitOperationRequest } from "@/lib/services/operation-requests/submit-operation-request";
import {
  createPayment,
  enableApprovals,
  principalOf,
  seedMerchant,
  type TestMerchant,
} from "@/tests/integration/helpers";
import { percentile } from "./stats";

export type RaceResult = {
  submits: {
    parallel: number;
    created: number;
    operationPending: number;
    other: Record<string, number>;
    requestsInDb: number;
  };
  approveRetry: DecisionRace;
  retryOnly: DecisionRace;
  cycles: {
    completed: number;
    seconds: number;
    perSecond: number;
    allDone: boolean;
    p50: number;
    p95: number;
    /** The two halves of a cycle: submitOperationRequest, and approveOperationRequest (which executes). */
    submitP50: number;
    approveP50: number;
  };
};

type DecisionRace = {
  parallel: number;
  gatewayCalls: number;
  attempts: number;
  finalState: string;
  outcomes: Record<string, number>;
  /** Audit rows the race wrote for the request, by action. */
  audit: Record<string, number>;
};

const PARALLEL_SUBMITS = 100;
const PARALLEL_DECISIONS = 50;
const CYCLE_SECONDS = 10;
const CYCLE_PAYMENTS = 3000;

export async function benchmarkRaces(options: {
  gatewayCalls: () => number;
  log: (message: string) => void;
}): Promise<RaceResult> {
  const m = await seedMerchant(`Bench races ${new Date().toISOString()}`);
  const checker = await enableApprovals(m);
  const maker = principalOf(m, "maker");

  // 1. Parallel submits on one payment: the row lock and the partial unique index allow one.
  const payment = await createPayment(m, { amount: "10.000" });
  const submits = await Promise.allSettled(
    Array.from({ length: PARALLEL_SUBMITS }, () =>
      submitOperationRequest(maker, {
        transactionId: payment.id,
        operation: "refund",
        amount: "1.000",
      }),
    ),
  );
  const submitOutcomes = tally(submits);
  const submitResult = {
    parallel: PARALLEL_SUBMITS,
    created: submitOutcomes.ok ?? 0,
    operationPending: submitOutcomes.operation_pending ?? 0,
    other: Object.fromEntries(
      Object.entries(submitOutcomes).filter(
        ([code]) => code !== "ok" && code !== "operation_pending",
      ),
    ),
    requestsInDb: await prisma.operationRequest.count({ where: { transactionId: payment.id } }),
  };
  options.log(
    `  ${PARALLEL_SUBMITS} parallel submits: ${submitResult.created} created, ${submitResult.operationPending} operation_pending`,
  );

  // 2. Approvals and retries at once on one pending request: the claim lets one call the gateway.
  const approveRetry = await decisionRace(m, maker, checker, options.gatewayCalls, (id, i) =>
    i % 2 === 0 ? approveOperationRequest(checker, id) : retryOperationRequest(maker, id),
  );
  options.log(
    `  ${PARALLEL_DECISIONS} parallel approve+retry: ${approveRetry.gatewayCalls} gateway call(s), state ${approveRetry.finalState}`,
  );

  // 2b. Retries at once on a request that needs manual action (its first attempt was declined).
  const retryOnly = await decisionRace(
    m,
    maker,
    checker,
    options.gatewayCalls,
    (id) => retryOperationRequest(maker, id),
    { failFirst: true },
  );
  options.log(
    `  ${PARALLEL_DECISIONS} parallel retries (manual action): ${retryOnly.gatewayCalls} gateway call(s), state ${retryOnly.finalState}`,
  );

  // 3. Sequential submit -> approve -> done, each on its own payment made beforehand in bulk.
  const paymentIds = await bulkPayments(m, CYCLE_PAYMENTS);
  const cycleTimes: number[] = [];
  const submitTimes: number[] = [];
  const approveTimes: number[] = [];
  const started = performance.now();
  const deadline = started + CYCLE_SECONDS * 1000;
  const requestIds: string[] = [];
  while (performance.now() < deadline && requestIds.length < paymentIds.length) {
    const cycleStarted = performance.now();
    const id = await submitOperationRequest(maker, {
      transactionId: paymentIds[requestIds.length],
      operation: "refund",
    });
    const submitted = performance.now();
    await approveOperationRequest(checker, id);
    const finished = performance.now();
    submitTimes.push(submitted - cycleStarted);
    approveTimes.push(finished - submitted);
    cycleTimes.push(finished - cycleStarted);
    requestIds.push(id);
  }
  const seconds = (performance.now() - started) / 1000;
  const done = await prisma.operationRequest.count({
    where: { id: { in: requestIds }, state: "done" },
  });
  const cycles = {
    completed: requestIds.length,
    seconds,
    perSecond: requestIds.length / seconds,
    allDone: done === requestIds.length,
    p50: percentile(cycleTimes, 50),
    p95: percentile(cycleTimes, 95),
    submitP50: percentile(submitTimes, 50),
    approveP50: percentile(approveTimes, 50),
  };
  options.log(
    `  cycles: ${cycles.completed} in ${seconds.toFixed(1)} s = ${cycles.perSecond.toFixed(1)}/s (all done: ${cycles.allDone})`,
  );

  return { submits: submitResult, approveRetry, retryOnly, cycles };
}

async function decisionRace(
  m: TestMerchant,
  maker: Principal,
  checker: Principal,
  gatewayCalls: () => number,
  act: (id: string, i: number) => Promise<void>,
  { failFirst = false } = {},
): Promise<DecisionRace> {
  const payment = await createPayment(m, { amount: "25.000" });
  const id = await submitOperationRequest(maker, {
    transactionId: payment.id,
    operation: "refund",
  });
  if (failFirst) {
    // The sandbox declines the next call: the approval leaves the request needing manual action.
    await prisma.sandboxGatewayBehaviour.upsert({
      where: { gatewayId: m.gateways.knet.id },
      create: { gatewayId: m.gateways.knet.id, failNext: 1 },
      update: { failNext: 1 },
    });
    await approveOperationRequest(checker, id);
    const state = (await prisma.operationRequest.findUniqueOrThrow({ where: { id } })).state;
    if (state !== "manual_action_required")
      throw new Error(`expected manual_action_required after a declined attempt, got ${state}`);
  }
  const callsBefore = gatewayCalls();
  const attemptsBefore = await prisma.gatewayAttempt.count({ where: { requestId: id } });
  const raceStarted = new Date();
  const outcomes = tally(
    await Promise.allSettled(Array.from({ length: PARALLEL_DECISIONS }, (_, i) => act(id, i))),
  );
  const request = await prisma.operationRequest.findUniqueOrThrow({ where: { id } });
  const audit = await prisma.auditEvent.groupBy({
    by: ["action"],
    where: { entity: "operation_request", entityId: id, createdAt: { gte: raceStarted } },
    _count: { _all: true },
  });
  return {
    parallel: PARALLEL_DECISIONS,
    gatewayCalls: gatewayCalls() - callsBefore,
    attempts: (await prisma.gatewayAttempt.count({ where: { requestId: id } })) - attemptsBefore,
    finalState: request.state,
    outcomes,
    audit: Object.fromEntries(
      audit.map((row) => [row.action.replace("operation_request.", ""), row._count._all]),
    ),
  };
}

/** Outcomes by refusal code ("ok" for success); unexpected errors by message. */
function tally(results: PromiseSettledResult<unknown>[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const result of results) {
    const key =
      result.status === "fulfilled"
        ? "ok"
        : ((result.reason as { code?: string }).code ??
          String((result.reason as Error).message ?? result.reason));
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** Paid KWD payments in one INSERT ... SELECT. */
async function bulkPayments(m: TestMerchant, count: number): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    INSERT INTO payment_transaction (merchant_id, unit_id, customer_id, gateway_id, kind, order_no, amount, currency, captured_amount, state)
    SELECT ${m.merchant.id}::uuid, ${m.units.online.id}::uuid, ${m.customer.id}::uuid, ${m.gateways.knet.id}::uuid, 'payment',
           'CYCLE-' || lpad(n::text, 6, '0'), 12.250, 'KWD', 12.250, 'paid'
    FROM generate_series(1, ${count}::int) AS n
    RETURNING id`;
  return rows.map((row) => row.id);
}
