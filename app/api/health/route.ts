import { z } from "zod";
import { apiRoute, methodNotAllowed } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { pingDatabase } from "@/lib/queries/health/ping-database";

export const dynamic = "force-dynamic";

const PING_TIMEOUT_MS = 2000;

export const GET = apiRoute(
  {
    permission: "public",
    output: z.object({ status: z.literal("ok"), database: z.literal("ok"), ms: z.number() }),
  },
  async ({ log }) => {
    const started = performance.now();
    try {
      await pingDatabase(PING_TIMEOUT_MS);
    } catch (error) {
      log.warn({ err: error }, "health: database unreachable");
      throw new AppError("service_unavailable", "The database is not reachable.");
    }
    return {
      body: {
        status: "ok" as const,
        database: "ok" as const,
        ms: Math.round(performance.now() - started),
      },
    };
  },
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET"]);
