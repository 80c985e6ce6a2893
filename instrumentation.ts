/**
 * Next.js calls register() once per server process, before it serves requests. The peer-address
 * stamp (lib/auth/peer-address.ts) is installed and background jobs (email delivery, request
 * expiry, stalled executions) start here, in the Node.js runtime only.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // First, so that every request after start-up carries its socket's address (sign-in throttle).
    const { installPeerAddressStamp } = await import("./lib/auth/peer-address");
    installPeerAddressStamp();
    // Imported inside this branch so that pg-boss and Prisma never reach the edge bundle.
    const { runWorkersInThisProcess } = await import("./lib/jobs/workers");
    await runWorkersInThisProcess();
  }
}
