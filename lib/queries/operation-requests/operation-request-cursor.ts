import "server-only";
import { Prisma } from "@prisma/client";
import { isInstantInBounds } from "@/lib/domain/time/date-bounds";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/validation/ids";

/*
 * Keyset cursors for the ticket table, which has one order: newest first, (created_at, id) desc.
 * A cursor is base64url JSON of the last row's created_at and id; the pair is unique, so paging
 * never skips or repeats a row when many share a millisecond. Cursors are not secret: an edited one
 * only moves within the caller's own merchant, whose scope is applied independently.
 */

export type OperationRequestPosition = { createdAt: Date; id: string };

type CursorPayload = { at: string; id: string };

const BASE64URL = /^[A-Za-z0-9_-]{1,500}$/;

export function encodeOperationRequestCursor(row: OperationRequestPosition): string {
  const payload: CursorPayload = { at: row.createdAt.toISOString(), id: row.id };
  return Buffer.from(JSON.stringify(payload), "utf8").toString("base64url");
}

/** The position the next page starts after; a validation_error for anything we did not issue. */
export function decodeOperationRequestCursor(cursor: string): OperationRequestPosition {
  const payload = BASE64URL.test(cursor)
    ? parsePayload(Buffer.from(cursor, "base64url").toString("utf8"))
    : null;
  const createdAt = payload ? new Date(payload.at) : null;
  if (
    !payload ||
    !createdAt ||
    !isInstantInBounds(createdAt) ||
    createdAt.toISOString() !== payload.at ||
    !isUuid(payload.id)
  ) {
    const message = "The cursor is not one we issued; start again from the first page.";
    throw new AppError("validation_error", message, [{ field: "cursor", message }]);
  }
  return { createdAt, id: payload.id.toLowerCase() };
}

/**
 * Rows strictly after the position in (created_at desc, id desc) order, over `operation_request r`.
 * The plain `<=` is implied by the row comparison but stated on its own so that every index on
 * (..., created_at) can start its scan there, even those without id as the next column.
 */
export function operationRequestsAfter(position: OperationRequestPosition): Prisma.Sql {
  const at = position.createdAt.toISOString();
  return Prisma.sql`r.created_at <= ${at}::timestamptz AND (r.created_at, r.id) < (${at}::timestamptz, ${position.id}::uuid)`;
}

function parsePayload(json: string): CursorPayload | null {
  try {
    const value: unknown = JSON.parse(json);
    if (typeof value !== "object" || value === null) return null;
    const { at, id } = value as Record<string, unknown>;
    return typeof at === "string" && typeof id === "string" ? { at, id } : null;
  } catch {
    return null;
  }
}
