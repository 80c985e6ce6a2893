import { expect } from "vitest";
import { prisma } from "@/lib/db";

/**
 * What the hostile-input tests share: the size of every table (one statement), to prove a refused
 * request wrote nothing, and the one error shape a refusal must answer in.
 */
export async function rowCounts(): Promise<Record<string, number>> {
  const tables = await prisma.$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`;
  const rows = await prisma.$queryRawUnsafe<{ t: string; n: bigint }[]>(
    tables
      .map(({ tablename }) => `SELECT '${tablename}' AS t, count(*) AS n FROM "${tablename}"`)
      .join(" UNION ALL "),
  );
  return Object.fromEntries(rows.map((row) => [row.t, Number(row.n)]));
}

/** The status and code of a refusal, after checking it is `{ error: { code, message } }` with a message. */
export async function errorOf(response: Response) {
  const text = await response.text();
  expect(text, `status ${response.status} with an empty body`).not.toBe("");
  const body = JSON.parse(text);
  expect(Object.keys(body)).toEqual(["error"]);
  expect(typeof body.error.message).toBe("string");
  expect(body.error.message.length).toBeGreaterThan(0);
  return { status: response.status, code: body.error.code as string };
}
