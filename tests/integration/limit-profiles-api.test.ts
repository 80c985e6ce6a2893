import { beforeEach, describe, expect, it } from "vitest";
import * as limitProfiles from "@/app/api/v1/limit-profiles/route";
import { prisma } from "@/lib/db";
import { resetDatabase, seedMerchant } from "./helpers";
import { get, noParams } from "./requests";

beforeEach(resetDatabase);

function put(key: string, body: unknown): Request {
  return new Request("http://test/api/v1/limit-profiles", {
    method: "PUT",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

const PROFILE = {
  type: "gate_redeem",
  currency: "KWD",
  maxAmount: "50.000",
  maxDailyTotal: "200.000",
  maxDailyCount: 5,
};

describe("limit profiles API", () => {
  it("sets, lists and removes a profile, with an audit row each time", async () => {
    const m = await seedMerchant();
    const admin = m.users.admin.apiKey;
    const set = await limitProfiles.PUT(put(admin, PROFILE), noParams);
    expect(set.status).toBe(200);
    expect((await set.json()).data).toEqual([PROFILE]);
    const listed = await limitProfiles.GET(get("/api/v1/limit-profiles", admin), noParams);
    expect((await listed.json()).data).toEqual([PROFILE]);
    const row = await prisma.limitProfile.findFirstOrThrow({
      where: { merchantId: m.merchant.id },
    });
    expect([row.maxAmount, row.maxDailyTotal]).toEqual([50000n, 200000n]);
    const removed = await limitProfiles.PUT(
      put(admin, { ...PROFILE, maxAmount: null, maxDailyTotal: null, maxDailyCount: null }),
      noParams,
    );
    expect((await removed.json()).data).toEqual([]);
    expect(
      await prisma.auditEvent.count({
        where: { merchantId: m.merchant.id, action: "limit_profile.changed" },
      }),
    ).toBe(2);
  });

  it("refuses members without processes.review, bad input and other methods, changing nothing", async () => {
    const m = await seedMerchant();
    const forbidden = await limitProfiles.PUT(put(m.users.maker.apiKey, PROFILE), noParams);
    expect(forbidden.status).toBe(403);
    const admin = m.users.admin.apiKey;
    for (const body of [
      { ...PROFILE, maxAmount: "1.0001" },
      { ...PROFILE, maxAmount: "-1" },
      { ...PROFILE, type: "nope" },
      { ...PROFILE, currency: "XXX" },
      { ...PROFILE, maxDailyCount: 0 },
      { ...PROFILE, maxAmount: "1\u0000" },
      { ...PROFILE, extra: true },
      "not json",
    ]) {
      const response = await limitProfiles.PUT(put(admin, body), noParams);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect((await response.json()).error.code).toMatch(/validation_error|invalid_json/);
    }
    const huge = await limitProfiles.PUT(
      put(admin, { ...PROFILE, pad: "x".repeat(200_000) }),
      noParams,
    );
    expect(huge.status).toBe(413);
    const wrong = await limitProfiles.DELETE(get("/api/v1/limit-profiles", admin));
    expect(wrong.status).toBe(405);
    expect(await prisma.limitProfile.count()).toBe(0);
  });
});
