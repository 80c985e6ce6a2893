/**
 * Next.js calls register() once per server process, before it serves requests. Background jobs
 * (email delivery, request expiry, stalled executions) start here, in the Node.js runtime only.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // Imported inside this branch so that pg-boss and Prisma never reach the edge bundle.
    const { runWorkersInThisProcess } = await import("./lib/jobs/workers");
    await runWorkersInThisProcess();
  }
}
