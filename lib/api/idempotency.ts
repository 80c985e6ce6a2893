import { createHash } from "node:crypto";
import { Prisma } from "@prisma/client";
import { prisma } from "@/lib/db";
import type { logger } from "@/lib/log";
import { AppError } from "./errors";

/*
 * Idempotency-Key for POST routes, per merchant. The first request with a key claims it by inserting
 * a row (the primary key makes two parallel first requests impossible: one inserts, the other finds
 * the row); its response is stored when it finishes. A repeat of the same request gets that
 * response again; the key with another request is refused; a repeat while the first still runs is
 * told to wait. 2xx and 4xx are stored (they are the answer); a 5xx or a crash releases the key, so
 * the client may try again.
 */

export const IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";
export const IDEMPOTENT_REPLAYED_HEADER = "Idempotent-Replayed";

/** Records younger than this are honoured; older ones count as absent (the job purges them). */
export const IDEMPOTENCY_KEY_TTL_HOURS = 48;
/** The promise to clients: a key is remembered at least this long. */
const MINIMUM_RETENTION_HOURS = 24;
/**
 * A claim still unfinished after this long belongs to a process that died mid-request (every route
 * is bounded far below it, the gateway call included): the next request with the key takes it over.
 */
const ABANDONED_AFTER_SECONDS = 300;

const KEY_FORMAT = /^[\x20-\x7E]{1,255}$/;
const CLAIM_ATTEMPTS = 3;

export type IdempotencyScope = {
  merchantId: string;
  key: string;
  /** requestFingerprint() of the request. */
  fingerprint: string;
};

/** The header's key, null when absent; a validation_error when present but not 1..255 printable ASCII characters. */
export function readIdempotencyKey(request: Request): string | null {
  const key = request.headers.get(IDEMPOTENCY_KEY_HEADER);
  if (key === null) return null;
  if (!KEY_FORMAT.test(key)) {
    const message = `${IDEMPOTENCY_KEY_HEADER} must be 1 to 255 printable ASCII characters.`;
    throw new AppError("validation_error", message, [{ field: IDEMPOTENCY_KEY_HEADER, message }]);
  }
  return key;
}

/**
 * What makes two requests "the same": method, path, the caller and the exact body text. The caller
 * is part of it because keys are per merchant: a colleague reusing a key must not be handed another
 * person's result as if their own request had run.
 */
export function requestFingerprint(input: {
  method: string;
  path: string;
  userId: string;
  body: string;
}): string {
  return createHash("sha256")
    .update(JSON.stringify([input.method.toUpperCase(), input.path, input.userId, input.body]))
    .digest("hex");
}

/**
 * Runs `execute` at most once per key and request. `execute` must answer every failure with a
 * Response (not throw), so that a 4xx is stored like any other answer.
 */
export async function withIdempotency(
  scope: IdempotencyScope,
  execute: () => Promise<Response>,
  log: typeof logger,
): Promise<Response> {
  const claimedAt = await claimOrReplay(scope);
  if (claimedAt instanceof Response) {
    log.info({ idempotencyKey: scope.key, status: claimedAt.status }, "idempotent replay");
    return claimedAt;
  }
  let response: Response;
  try {
    response = await execute();
  } catch (error) {
    await release(scope, claimedAt, log);
    throw error;
  }
  const body = response.status < 500 ? await jsonBodyOf(response) : undefined;
  if (body === undefined) {
    await release(scope, claimedAt, log);
    return response;
  }
  try {
    const { count } = await prisma.apiIdempotencyKey.updateMany({
      where: {
        merchantId: scope.merchantId,
        key: scope.key,
        createdAt: claimedAt,
        completedAt: null,
      },
      data: {
        responseStatus: response.status,
        responseBody: body === null ? Prisma.JsonNull : (body as Prisma.InputJsonValue),
        completedAt: new Date(),
      },
    });
    if (count === 0)
      log.warn(
        { idempotencyKey: scope.key },
        "idempotency claim was taken over before the response was stored",
      );
  } catch (error) {
    // The work is done; releasing now would let a retry do it twice. The claim stays until it is
    // abandoned (ABANDONED_AFTER_SECONDS), and retries meanwhile hear idempotency_in_progress.
    log.error({ err: error, idempotencyKey: scope.key }, "could not store the idempotent response");
  }
  return response;
}

/** The claim's created_at (its token) when this request may run; the stored answer when it ran before. */
async function claimOrReplay(scope: IdempotencyScope): Promise<Date | Response> {
  const { merchantId, key, fingerprint } = scope;
  for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
    // Inserts, or takes over a record that no longer counts (expired, or abandoned mid-request);
    // returns nothing when a live record holds the key. The row lock makes this one decision.
    const claimed = await prisma.$queryRaw<{ created_at: Date }[]>`
      INSERT INTO api_idempotency_key (merchant_id, key, request_hash)
      VALUES (${merchantId}::uuid, ${key}, ${fingerprint})
      ON CONFLICT (merchant_id, key) DO UPDATE
        SET request_hash = EXCLUDED.request_hash, response_status = NULL, response_body = NULL,
            created_at = clock_timestamp(), completed_at = NULL
        WHERE api_idempotency_key.created_at < now() - make_interval(hours => ${IDEMPOTENCY_KEY_TTL_HOURS}::int)
           OR (api_idempotency_key.completed_at IS NULL
               AND api_idempotency_key.created_at < now() - make_interval(secs => ${ABANDONED_AFTER_SECONDS}::int))
      RETURNING created_at`;
    if (claimed[0]) return claimed[0].created_at;

    const [existing] = await prisma.$queryRaw<
      {
        request_hash: string;
        response_status: number | null;
        response_body: unknown;
        completed_at: Date | null;
      }[]
    >`
      SELECT request_hash, response_status, response_body, completed_at
      FROM api_idempotency_key
      WHERE merchant_id = ${merchantId}::uuid AND key = ${key}
        AND created_at >= now() - make_interval(hours => ${IDEMPOTENCY_KEY_TTL_HOURS}::int)`;
    // Released (a 5xx) or expired between the two statements: claim again.
    if (!existing) continue;
    if (existing.request_hash !== fingerprint) {
      throw new AppError(
        "idempotency_key_reuse",
        `This ${IDEMPOTENCY_KEY_HEADER} was used for a different request; use a new key for a new request.`,
      );
    }
    if (existing.completed_at === null || existing.response_status === null) {
      throw new AppError(
        "idempotency_in_progress",
        `A request with this ${IDEMPOTENCY_KEY_HEADER} is still being processed; retry shortly.`,
      );
    }
    return Response.json(existing.response_body, {
      status: existing.response_status,
      headers: { [IDEMPOTENT_REPLAYED_HEADER]: "true" },
    });
  }
  throw new AppError(
    "idempotency_in_progress",
    `A request with this ${IDEMPOTENCY_KEY_HEADER} is still being processed; retry shortly.`,
  );
}

async function release(
  scope: IdempotencyScope,
  claimedAt: Date,
  log: typeof logger,
): Promise<void> {
  try {
    await prisma.apiIdempotencyKey.deleteMany({
      where: {
        merchantId: scope.merchantId,
        key: scope.key,
        createdAt: claimedAt,
        completedAt: null,
      },
    });
  } catch (error) {
    // Not fatal: the claim counts as abandoned after ABANDONED_AFTER_SECONDS.
    log.error({ err: error, idempotencyKey: scope.key }, "could not release the idempotency key");
  }
}

/** The response's JSON body; undefined when it has none we could replay. */
async function jsonBodyOf(response: Response): Promise<unknown> {
  try {
    return JSON.parse(await response.clone().text()) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Deletes records older than `olderThanHours` (default: the TTL) and returns how many. Refuses
 * less than 24 hours: clients are promised a key is remembered at least that long.
 */
export async function purgeExpiredIdempotencyKeys(
  olderThanHours = IDEMPOTENCY_KEY_TTL_HOURS,
): Promise<number> {
  if (!Number.isFinite(olderThanHours) || olderThanHours < MINIMUM_RETENTION_HOURS) {
    throw new RangeError(
      `Idempotency keys are kept at least ${MINIMUM_RETENTION_HOURS} hours; got ${olderThanHours}.`,
    );
  }
  const { count } = await prisma.apiIdempotencyKey.deleteMany({
    where: { createdAt: { lt: new Date(Date.now() - olderThanHours * 3_600_000) } },
  });
  return count;
}
