import { apiRoute, methodNotAllowed } from "@/lib/api/route";
import { minorToDecimal } from "@/lib/queries/processes/process-json";
import { listLimitProfiles, setLimitProfile } from "@/lib/services/ledger/limit-profiles";
import {
  LimitProfileBodySchema,
  LimitProfileListResponseSchema,
} from "@/lib/validation/limit-profiles";

export const dynamic = "force-dynamic";

async function list(principal: Parameters<typeof listLimitProfiles>[0]) {
  const rows = await listLimitProfiles(principal);
  return {
    data: rows.map((row) => ({
      type: row.processType,
      currency: row.currency,
      maxAmount: row.maxAmount === null ? null : minorToDecimal(row.maxAmount, row.currency),
      maxDailyTotal:
        row.maxDailyTotal === null ? null : minorToDecimal(row.maxDailyTotal, row.currency),
      maxDailyCount: row.maxDailyCount,
    })),
  };
}

/** GET /api/v1/limit-profiles: the merchant's limit profiles (anti-fraud: processes.review). */
export const GET = apiRoute(
  { permission: "processes.review", output: LimitProfileListResponseSchema },
  async ({ principal }) => ({ body: await list(principal) }),
);

/**
 * PUT /api/v1/limit-profiles { type, currency, maxAmount, maxDailyTotal, maxDailyCount }: sets the
 * profile of one type and currency (all null removes it). 200 with every profile.
 */
export const PUT = apiRoute(
  {
    permission: "processes.review",
    body: LimitProfileBodySchema,
    output: LimitProfileListResponseSchema,
  },
  async ({ principal, body }) => {
    await setLimitProfile(principal, body);
    return { body: await list(principal) };
  },
);

export const { POST, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET", "PUT"]);
