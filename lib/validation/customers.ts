import { z } from "zod";
import {
  CursorParamSchema,
  DEFAULT_LIMIT,
  LimitSchema,
  optionalParam,
  paramWithDefault,
} from "./list-params";
import { SafeLine } from "./strings";

/** The Clients page's address: a name or email search and keyset paging. */
export const ClientListQuerySchema = z.object({
  q: optionalParam(SafeLine.trim().max(100, "At most 100 characters.")),
  limit: paramWithDefault(LimitSchema, DEFAULT_LIMIT),
  cursor: optionalParam(CursorParamSchema),
});
