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

/** The processes a client's profile can start; its account is a top-up's destination, else the source. */
export const CLIENT_FORM_TYPES = [
  "bank_topup",
  "client_transaction_transfer",
  "bank_redeem",
] as const;
