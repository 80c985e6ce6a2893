import { beforeEach, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/credentials/passwords";
import { prisma } from "@/lib/db";
import { SignInLockedError, verifyCredentials } from "@/lib/services/auth/verify-credentials";
import { resetDatabase, seedMerchant, type TestMerchant } from "./helpers";

let m: TestMerchant;

beforeEach(async () => {
  await resetDatabase();
  m = await seedMerchant();
  await prisma.user.update({
    where: { id: m.users.maker.id },
    data: { passwordHash: await hashPassword("right-password") },
  });
});

describe("sign-in", () => {
  it("accepts the right password, case-insensitively on the email, with the membership's merchant and role", async () => {
    const user = await verifyCredentials(
      m.users.maker.email.toUpperCase(),
      "right-password",
      "10.0.0.1",
    );
    expect(user).toMatchObject({ id: m.users.maker.id, merchantId: m.merchant.id, role: "maker" });
  });

  it("refuses a wrong password and an unknown email alike", async () => {
    expect(await verifyCredentials(m.users.maker.email, "wrong", "10.0.0.1")).toBeNull();
    expect(await verifyCredentials("nobody@example.test", "wrong", "10.0.0.1")).toBeNull();
  });

  it("locks the account from that address after five failures, even for the right password, and says for how long", async () => {
    for (let i = 0; i < 4; i++)
      expect(await verifyCredentials(m.users.maker.email, "wrong", "10.0.0.2")).toBeNull();
    await expect(verifyCredentials(m.users.maker.email, "wrong", "10.0.0.2")).rejects.toThrow(
      SignInLockedError,
    );
    await expect(
      verifyCredentials(m.users.maker.email, "right-password", "10.0.0.2"),
    ).rejects.toThrow(/try again in 15 minutes/);
    // Another address is not locked out, and the lock is audited.
    expect(
      await verifyCredentials(m.users.maker.email, "right-password", "10.0.0.3"),
    ).not.toBeNull();
    expect(
      await prisma.auditEvent.count({
        where: { action: "user.sign_in_locked", entityId: m.users.maker.id },
      }),
    ).toBe(1);
  });

  it("counts parallel failures exactly", async () => {
    await Promise.allSettled(
      Array.from({ length: 5 }, () => verifyCredentials(m.users.maker.email, "wrong", "10.0.0.4")),
    );
    await expect(
      verifyCredentials(m.users.maker.email, "right-password", "10.0.0.4"),
    ).rejects.toThrow(SignInLockedError);
  });

  it("refuses a member whose membership was deactivated", async () => {
    await prisma.membership.update({
      where: { userId_merchantId: { userId: m.users.maker.id, merchantId: m.merchant.id } },
      data: { active: false },
    });
    expect(await verifyCredentials(m.users.maker.email, "right-password", "10.0.0.5")).toBeNull();
  });
});
