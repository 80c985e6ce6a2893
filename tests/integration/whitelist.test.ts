import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { saveWhitelist } from "@/lib/services/operations-approval/set-whitelist";
import { enableApprovals, principalOf, resetDatabase, seedMerchant } from "./helpers";

beforeEach(resetDatabase);

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the save to be refused");
}

async function whitelistOf(merchantId: string) {
  const entries = await prisma.operationWhitelistEntry.findMany({
    where: { merchantId },
    orderBy: [{ userId: "asc" }, { operation: "asc" }],
  });
  return entries.map((entry) => `${entry.userId}:${entry.operation}`);
}

describe("saving the whitelist", () => {
  it("saves every listed member in one go and audits only the members that changed", async () => {
    const m = await seedMerchant();
    const checker = await enableApprovals(m);
    await saveWhitelist(checker, [{ userId: m.users.admin.id, operations: ["void"] }]);

    const changed = await saveWhitelist(checker, [
      { userId: m.users.maker.id, operations: ["refund", "void"] },
      { userId: m.users.admin.id, operations: ["void"] },
      { userId: m.users.owner.id, operations: [] },
    ]);

    expect(changed).toBe(1);
    expect(await whitelistOf(m.merchant.id)).toEqual(
      [`${m.users.admin.id}:void`, `${m.users.maker.id}:refund`, `${m.users.maker.id}:void`].sort(),
    );
    const audits = await prisma.auditEvent.findMany({
      where: { merchantId: m.merchant.id, action: "operations_approval.whitelist_changed" },
      orderBy: { createdAt: "asc" },
    });
    expect(audits.map((audit) => audit.entityId)).toEqual([m.users.admin.id, m.users.maker.id]);
    expect(audits[1].data).toEqual({ before: [], after: ["refund", "void"] });
  });

  it("refuses a member whose role holds neither refund nor void, and writes nothing", async () => {
    const m = await seedMerchant();
    const admin = principalOf(m, "admin");
    const error = await refusal(
      saveWhitelist(admin, [
        { userId: m.users.maker.id, operations: ["refund"] },
        { userId: m.users.viewer.id, operations: ["refund"] },
      ]),
    );
    expect(error.code).toBe("validation_error");
    const viewer = await prisma.user.findUniqueOrThrow({ where: { id: m.users.viewer.id } });
    expect(error.message).toBe(
      `${viewer.name} cannot be whitelisted for refund: the viewer role does not include payments.refund.`,
    );
    expect(error.details).toEqual({ userId: m.users.viewer.id, operation: "refund" });
    // All or nothing: the maker listed before the viewer is not saved either.
    expect(await whitelistOf(m.merchant.id)).toEqual([]);
    expect(
      await prisma.auditEvent.count({
        where: { merchantId: m.merchant.id, action: "operations_approval.whitelist_changed" },
      }),
    ).toBe(0);
  });

  it("refuses another merchant's member, a member listed twice, and anyone but the checker or an admin", async () => {
    const m = await seedMerchant();
    const other = await seedMerchant();
    const admin = principalOf(m, "admin");

    expect(
      (
        await refusal(
          saveWhitelist(admin, [{ userId: other.users.maker.id, operations: ["void"] }]),
        )
      ).code,
    ).toBe("not_found");
    expect(
      (
        await refusal(
          saveWhitelist(admin, [
            { userId: m.users.maker.id, operations: ["void"] },
            { userId: m.users.maker.id, operations: [] },
          ]),
        )
      ).code,
    ).toBe("validation_error");
    expect(
      (
        await refusal(
          saveWhitelist(principalOf(m, "maker"), [
            { userId: m.users.maker.id, operations: ["refund"] },
          ]),
        )
      ).code,
    ).toBe("forbidden");
    expect(await whitelistOf(m.merchant.id)).toEqual([]);
    expect(await whitelistOf(other.merchant.id)).toEqual([]);
  });
});
