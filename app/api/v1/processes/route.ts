import { IDEMPOTENT_REPLAYED_HEADER, readIdempotencyKey } from "@/lib/api/idempotency";
import { apiRoute, methodNotAllowed } from "@/lib/api/route";
import { getProcessOrThrow } from "@/lib/queries/processes/get-process";
import { listProcessesJson } from "@/lib/queries/processes/list-processes";
import { runProcess } from "@/lib/services/ledger/run-process";
import { authorizedViewerScopes } from "@/lib/services/ledger/viewer-scopes";
import {
  ProcessDetailResponseSchema,
  ProcessListQuerySchema,
  ProcessListResponseSchema,
  RunProcessBodySchema,
} from "@/lib/validation/processes";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/processes?type=gate_charge,bank_topup&status=processed&scope=client&currency=KWD&limit=25&cursor=...
 * The processes the caller's viewer scopes may see (403 with neither scope); a filter to a scope or
 * type outside them matches nothing.
 */
export const GET = apiRoute(
  {
    permission: "authenticated",
    query: ProcessListQuerySchema,
    output: ProcessListResponseSchema,
  },
  async ({ principal, query }) => {
    const scopes = authorizedViewerScopes(principal);
    return { body: await listProcessesJson(principal.merchantId, scopes, query) };
  },
);

/**
 * POST /api/v1/processes: runs the first session of a process. 201 with the process as it stands.
 *
 * The `Idempotency-Key` is the process's own key (business_process.idempotency_key, unique per
 * merchant), not the generic response store of lib/api/idempotency: the same key with the same
 * content answers 200 with the first process as it stands now (`Idempotent-Replayed: true`), with
 * other content 422 idempotency_key_reuse, however long ago the first was made. The key lives in
 * the same transaction as the transfers, so a process cannot exist without its key or twice.
 */
export const POST = apiRoute(
  {
    permission: "authenticated",
    body: RunProcessBodySchema,
    output: ProcessDetailResponseSchema,
  },
  async ({ request, principal, body }) => {
    const idempotencyKey = readIdempotencyKey(request) ?? undefined;
    const { processId, replayed } = await runProcess(principal, { ...body, idempotencyKey });
    const scopes = authorizedViewerScopes(principal);
    const data = await getProcessOrThrow(principal.merchantId, scopes, processId);
    return replayed
      ? { status: 200, body: { data }, headers: { [IDEMPOTENT_REPLAYED_HEADER]: "true" } }
      : { status: 201, body: { data } };
  },
);

export const { PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET", "POST"]);
