import { beforeEach, describe, expect, it } from "vitest";
import { PUT as setPermissions } from "@/app/api/v1/members/[id]/permissions/route";
import { GET as listMembersRoute } from "@/app/api/v1/members/route";
import { GET as openApi } from "@/app/api/v1/openapi.json/route";
import { principalFromApiKey } from "@/lib/auth/principal";
import { prisma } from "@/lib/db";
import { GRANTABLE_PERMISSIONS } from "@/lib/domain/auth/permissions";
import { AppError } from "@/lib/errors";
import { listMembers } from "@/lib/queries/members/list-members";
import { setMembershipGrants } from "@/lib/services/members/set-membership-grants";
import {
  enableApprovals,
  principalOf,
  resetDatabase,
  seedMerchant,
  type TestMerchant,
  type TestUser,
} from "./helpers";
import { get, noParams, withId } from "./requests";

beforeEach(resetDatabase);

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

async function membershipOf(m: TestMerchant, who: TestUser) {
  return prisma.membership.findUniqueOrThrow({
    where: { userId_merchantId: { userId: m.users[who].id, merchantId: m.merchant.id } },
  });
}

function put(id: string, key: string, body: string, contentType = "application/json") {
  return new Request(`http://test/api/v1/members/${encodeURIComponent(id)}/permissions`, {
    method: "PUT",
    headers: { authorization: `Bearer ${key}`, "content-type": contentType },
    body,
  });
}

async function errorOf(response: Response) {
  const body = await response.json();
  expect(Object.keys(body)).toEqual(["error"]);
  return {
    status: response.status,
    code: body.error.code as string,
    message: body.error.message as string,
    details: body.error.details as { field: string; message: string }[] | undefined,
  };
}

/** Rows in every table, so "nothing was written" covers every table. */
async function rowCounts(): Promise<Record<string, number>> {
  const tables = await prisma.$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`;
  const counts: Record<string, number> = {};
  for (const { tablename } of tables) {
    const [row] = await prisma.$queryRawUnsafe<{ n: bigint }[]>(
      `SELECT count(*) AS n FROM "${tablename}"`,
    );
    counts[tablename] = Number(row.n);
  }
  return counts;
}

async function grantsSnapshot(merchantId: string) {
  const rows = await prisma.membership.findMany({
    where: { merchantId },
    orderBy: { id: "asc" },
    select: { id: true, grantedPermissions: true },
  });
  return rows.map((row) => `${row.id}:${row.grantedPermissions.join(",")}`);
}

describe("setMembershipGrants", () => {
  it("grants on top of the role, in one transaction with its audit row", async () => {
    const m = await seedMerchant();
    const viewer = await membershipOf(m, "viewer");
    const admin = principalOf(m, "admin");

    expect(
      await setMembershipGrants(admin, viewer.id, ["processes.review", "transactions.view_system"]),
    ).toEqual({ changed: true });

    expect((await membershipOf(m, "viewer")).grantedPermissions).toEqual([
      "transactions.view_system",
      "processes.review",
    ]);
    const audits = await prisma.auditEvent.findMany({
      where: { merchantId: m.merchant.id, action: "membership.permissions_changed" },
    });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      entity: "membership",
      entityId: viewer.id,
      actorId: m.users.admin.id,
    });
    expect(audits[0].data).toEqual({
      userId: m.users.viewer.id,
      role: "viewer",
      before: [],
      after: ["transactions.view_system", "processes.review"],
    });

    // The grant reaches the principal the app loads for that member on the next request.
    const principal = await principalFromApiKey(`Bearer ${m.users.viewer.apiKey}`);
    expect(principal?.permissions).toEqual(
      expect.arrayContaining(["transactions.view_system", "processes.review"]),
    );
    expect(principal?.permissions).not.toContain("processes.run");
  });

  it("replaces the whole set, withdraws with [], and records nothing for an unchanged set", async () => {
    const m = await seedMerchant();
    const viewer = await membershipOf(m, "viewer");
    const admin = principalOf(m, "admin");
    await setMembershipGrants(admin, viewer.id, ["processes.run", "processes.service"]);
    await setMembershipGrants(admin, viewer.id, ["processes.service"]);
    expect(await setMembershipGrants(admin, viewer.id, ["processes.service"])).toEqual({
      changed: false,
    });
    await setMembershipGrants(admin, viewer.id, []);

    expect((await membershipOf(m, "viewer")).grantedPermissions).toEqual([]);
    const audits = await prisma.auditEvent.findMany({
      where: { entityId: viewer.id, action: "membership.permissions_changed" },
      orderBy: { id: "asc" },
    });
    expect(audits.map((audit) => audit.data)).toEqual([
      expect.objectContaining({ before: [], after: ["processes.run", "processes.service"] }),
      expect.objectContaining({
        before: ["processes.run", "processes.service"],
        after: ["processes.service"],
      }),
      expect.objectContaining({ before: ["processes.service"], after: [] }),
    ]);
  });

  it("does not store what the role already gives, and dedupes", async () => {
    const m = await seedMerchant();
    const maker = await membershipOf(m, "maker");
    const admin = principalOf(m, "admin");
    await setMembershipGrants(admin, maker.id, [
      "processes.run",
      "processes.review",
      "processes.review",
    ]);
    expect((await membershipOf(m, "maker")).grantedPermissions).toEqual(["processes.review"]);

    const adminRow = await membershipOf(m, "admin");
    expect(await setMembershipGrants(admin, adminRow.id, [...GRANTABLE_PERMISSIONS])).toEqual({
      changed: false,
    });
  });

  it("lets a members.manage holder edit their own membership", async () => {
    const m = await seedMerchant();
    const owner = await membershipOf(m, "owner");
    // Owners hold every grantable permission already: nothing to store, but no refusal either.
    expect(await setMembershipGrants(principalOf(m, "owner"), owner.id, [])).toEqual({
      changed: false,
    });
    // A viewer granted nothing but members.manage is impossible (not grantable); an admin edits self.
    const admin = await membershipOf(m, "admin");
    await expect(
      setMembershipGrants(principalOf(m, "admin"), admin.id, ["processes.run"]),
    ).resolves.toEqual({ changed: false });
  });

  it("refuses members without members.manage, other merchants' and malformed ids, unknown names", async () => {
    const m = await seedMerchant();
    const other = await seedMerchant();
    const viewer = await membershipOf(m, "viewer");
    const otherViewer = await membershipOf(other, "viewer");
    const before = await rowCounts();
    const snapshot = [await grantsSnapshot(m.merchant.id), await grantsSnapshot(other.merchant.id)];

    for (const who of ["maker", "viewer"] as const) {
      const error = await refusal(setMembershipGrants(principalOf(m, who), viewer.id, []));
      expect([who, error.code]).toEqual([who, "forbidden"]);
    }
    // The checker capability does not manage members either.
    const checker = await enableApprovals(m);
    const afterPlugin = await rowCounts();
    expect((await refusal(setMembershipGrants(checker, viewer.id, []))).code).toBe("forbidden");

    const admin = principalOf(m, "admin");
    for (const id of [otherViewer.id, "00000000-0000-0000-0000-000000000000", "not-a-uuid"]) {
      const error = await refusal(setMembershipGrants(admin, id, ["processes.run"]));
      expect([id, error.code, error.message]).toEqual([id, "not_found", "Member not found."]);
    }
    for (const grants of [["members.manage"], ["payments.refund"], ["processes.run\u0000"], [42]]) {
      const error = await refusal(setMembershipGrants(admin, viewer.id, grants as string[]));
      expect(error.code).toBe("validation_error");
      expect(error.message).toMatch(/^grants\.0: must be one of the grantable permissions/);
    }
    expect(afterPlugin).toEqual({ ...before, operations_approval_settings: 1 });
    expect(await rowCounts()).toEqual(afterPlugin);
    expect([await grantsSnapshot(m.merchant.id), await grantsSnapshot(other.merchant.id)]).toEqual(
      snapshot,
    );
  });

  it("two saves of the same row at once: both land in some order, each audited against what it replaced", async () => {
    const m = await seedMerchant();
    const viewer = await membershipOf(m, "viewer");
    const admin = principalOf(m, "admin");
    const owner = principalOf(m, "owner");
    const results = await Promise.allSettled([
      setMembershipGrants(admin, viewer.id, ["processes.run"]),
      setMembershipGrants(owner, viewer.id, ["processes.review"]),
    ]);
    const final = (await membershipOf(m, "viewer")).grantedPermissions;
    const audits = await prisma.auditEvent.findMany({
      where: { entityId: viewer.id, action: "membership.permissions_changed" },
      orderBy: { id: "asc" },
    });
    // Each save either won (and is audited with the set it really replaced) or was refused as a
    // conflict; the audit trail always chains to the stored value.
    for (const result of results) {
      if (result.status === "rejected") expect((result.reason as AppError).code).toBe("conflict");
    }
    expect(audits.length).toBe(results.filter((r) => r.status === "fulfilled").length);
    expect(audits[0].data).toMatchObject({ before: [] });
    for (let i = 1; i < audits.length; i++)
      expect((audits[i].data as { before: string[] }).before).toEqual(
        (audits[i - 1].data as { after: string[] }).after,
      );
    expect((audits[audits.length - 1].data as { after: string[] }).after).toEqual(final);
  });

  it("the database refuses a grant outside the list, whoever writes it", async () => {
    const m = await seedMerchant();
    const viewer = await membershipOf(m, "viewer");
    await expect(
      prisma.membership.update({
        where: { id: viewer.id },
        data: { grantedPermissions: ["members.manage"] },
      }),
    ).rejects.toThrow(/membership_granted_permissions_known/);
  });
});

describe("listMembers", () => {
  it("lists every membership of the merchant with its role, grants and effective permissions", async () => {
    const m = await seedMerchant();
    const other = await seedMerchant();
    await enableApprovals(m);
    const viewer = await membershipOf(m, "viewer");
    await setMembershipGrants(principalOf(m, "admin"), viewer.id, ["transactions.view_client"]);
    await prisma.membership.update({
      where: { id: (await membershipOf(m, "maker")).id },
      data: { active: false },
    });

    const members = await listMembers(m.merchant.id);
    expect(members.map((member) => member.user.email).sort()).toEqual(
      Object.values(m.users)
        .map((user) => user.email)
        .sort(),
    );
    expect(members.at(-1)).toMatchObject({ role: "maker", active: false });
    const byEmail = new Map(members.map((member) => [member.user.email, member]));
    expect(byEmail.get(m.users.viewer.email)).toMatchObject({
      id: viewer.id,
      role: "viewer",
      active: true,
      checker: false,
      grants: ["transactions.view_client"],
      roleGrants: [],
    });
    expect(byEmail.get(m.users.viewer.email)?.permissions).toContain("transactions.view_client");
    expect(byEmail.get(m.users.checker.email)).toMatchObject({
      checker: true,
      roleGrants: ["transactions.view_client", "processes.run"],
    });
    expect(byEmail.get(m.users.checker.email)?.permissions).toContain("operation_requests.approve");
    expect(members.map((member) => member.id)).not.toContain(
      (await membershipOf(other, "viewer")).id,
    );
  });
});

describe("GET /api/v1/members", () => {
  it("answers the merchant's members to members.manage holders only", async () => {
    const m = await seedMerchant();
    const response = await listMembersRoute(get("/api/v1/members", m.users.admin.apiKey), noParams);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.data).toHaveLength(5);
    expect(body.data[0]).toEqual({
      id: expect.any(String),
      user: { id: expect.any(String), name: expect.any(String), email: expect.any(String) },
      role: expect.any(String),
      active: true,
      checker: false,
      grants: [],
      roleGrants: expect.any(Array),
      permissions: expect.any(Array),
    });

    for (const who of ["maker", "viewer"] as const) {
      const refused = await errorOf(
        await listMembersRoute(get("/api/v1/members", m.users[who].apiKey), noParams),
      );
      expect([who, refused.status, refused.code]).toEqual([who, 403, "forbidden"]);
    }
    const badKey = await errorOf(
      await listMembersRoute(get("/api/v1/members", "sk_live_nope"), noParams),
    );
    expect([badKey.status, badKey.code]).toEqual([401, "unauthenticated"]);
    const unknown = await errorOf(
      await listMembersRoute(get("/api/v1/members?role=admin", m.users.admin.apiKey), noParams),
    );
    expect([unknown.status, unknown.code]).toEqual([400, "validation_error"]);
  });
});

describe("PUT /api/v1/members/{id}/permissions", () => {
  it("replaces the grants and answers the member as they now stand", async () => {
    const m = await seedMerchant();
    const viewer = await membershipOf(m, "viewer");
    const response = await setPermissions(
      put(viewer.id, m.users.admin.apiKey, JSON.stringify({ grants: ["processes.service"] })),
      withId(viewer.id),
    );
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.data).toMatchObject({ id: viewer.id, grants: ["processes.service"] });
    expect(body.data.permissions).toContain("processes.service");
    expect((await membershipOf(m, "viewer")).grantedPermissions).toEqual(["processes.service"]);
  });

  it("answers hostile input with a 4xx in the one error shape and writes nothing", async () => {
    const m = await seedMerchant();
    const other = await seedMerchant();
    const viewer = await membershipOf(m, "viewer");
    const otherViewer = await membershipOf(other, "viewer");
    const key = m.users.admin.apiKey;
    const before = await rowCounts();
    const snapshot = await grantsSnapshot(m.merchant.id);
    const otherSnapshot = await grantsSnapshot(other.merchant.id);

    const cases: [string, string, string, number, string, string?][] = [
      [
        "unknown permission",
        viewer.id,
        '{"grants":["processes.run","admin.everything"]}',
        400,
        "validation_error",
        "grants.1",
      ],
      [
        "a role permission",
        viewer.id,
        '{"grants":["members.manage"]}',
        400,
        "validation_error",
        "grants.0",
      ],
      [
        "NUL in a name",
        viewer.id,
        '{"grants":["processes.run\\u0000"]}',
        400,
        "validation_error",
        "grants.0",
      ],
      ["not a list", viewer.id, '{"grants":"processes.run"}', 400, "validation_error", "grants"],
      ["missing grants", viewer.id, "{}", 400, "validation_error", "grants"],
      ["unknown field", viewer.id, '{"grants":[],"role":"owner"}', 400, "validation_error"],
      ["__proto__ field", viewer.id, '{"grants":[],"__proto__":{"x":1}}', 400, "validation_error"],
      [
        "too many",
        viewer.id,
        JSON.stringify({ grants: Array(11).fill("processes.run") }),
        400,
        "validation_error",
        "grants",
      ],
      ["not JSON", viewer.id, '{"grants":', 400, "invalid_json"],
      [
        "huge body",
        viewer.id,
        JSON.stringify({ grants: [], pad: "x".repeat(70_000) }),
        413,
        "payload_too_large",
      ],
      ["other merchant's member", otherViewer.id, '{"grants":["processes.run"]}', 404, "not_found"],
      ["unknown id", "00000000-0000-0000-0000-000000000000", '{"grants":[]}', 404, "not_found"],
      ["malformed id", "not-a-uuid", '{"grants":[]}', 404, "not_found"],
      ["SQL in the id", "'; DROP TABLE membership; --", '{"grants":[]}', 404, "not_found"],
      ["NUL in the id", `${viewer.id}\u0000`, '{"grants":[]}', 400, "validation_error"],
    ];
    for (const [label, id, body, status, code, field] of cases) {
      const error = await errorOf(await setPermissions(put(id, key, body), withId(id)));
      expect([label, error.status, error.code]).toEqual([label, status, code]);
      if (field) expect([label, error.details?.[0]?.field]).toEqual([label, field]);
    }
    const wrongType = await errorOf(
      await setPermissions(
        put(viewer.id, key, "grants=processes.run", "text/plain"),
        withId(viewer.id),
      ),
    );
    expect([wrongType.status, wrongType.code]).toEqual([415, "unsupported_media_type"]);
    const forbidden = await errorOf(
      await setPermissions(
        put(viewer.id, m.users.maker.apiKey, '{"grants":["processes.review"]}'),
        withId(viewer.id),
      ),
    );
    expect([forbidden.status, forbidden.code]).toEqual([403, "forbidden"]);

    expect(await rowCounts()).toEqual(before);
    expect(await grantsSnapshot(m.merchant.id)).toEqual(snapshot);
    expect(await grantsSnapshot(other.merchant.id)).toEqual(otherSnapshot);
  });

  it("serves PUT only: other methods are 405 with Allow", async () => {
    const module = await import("@/app/api/v1/members/[id]/permissions/route");
    const m = await seedMerchant();
    const viewer = await membershipOf(m, "viewer");
    for (const method of ["GET", "POST", "PATCH", "DELETE"] as const) {
      const response = await module[method](
        new Request(`http://test/api/v1/members/${viewer.id}/permissions`, {
          method,
          headers: { authorization: `Bearer ${m.users.admin.apiKey}` },
        }),
      );
      expect([method, response.status]).toEqual([method, 405]);
      expect(response.headers.get("allow")).toBe("PUT, OPTIONS");
      expect((await response.json()).error.code).toBe("method_not_allowed");
    }
    const list = await import("@/app/api/v1/members/route");
    const post = await list.POST(new Request("http://test/api/v1/members", { method: "POST" }));
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
  });

  it("is in the OpenAPI document", async () => {
    const response = await openApi(new Request("http://test/api/v1/openapi.json"), noParams);
    const document = await response.json();
    expect(Object.keys(document.paths["/api/v1/members"])).toEqual(["get"]);
    expect(Object.keys(document.paths["/api/v1/members/{id}/permissions"])).toEqual(["put"]);
    const grants =
      document.paths["/api/v1/members/{id}/permissions"].put.requestBody.content["application/json"]
        .schema.properties.grants;
    expect(grants.items.enum).toEqual([...GRANTABLE_PERMISSIONS]);
  });
});
