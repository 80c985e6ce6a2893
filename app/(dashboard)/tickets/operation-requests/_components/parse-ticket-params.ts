import {
  OperationRequestFilterSchema,
  type OperationRequestFilters,
} from "@/lib/validation/operation-requests";
import { TICKET_FILTER_KEYS } from "./ticket-filter-keys";

export type IgnoredTicketParam = { field: string; message: string };

const PARSED_KEYS = [...TICKET_FILTER_KEYS, "limit", "cursor"] as const;

/**
 * For the page: never throws. The API refuses a bad filter with a 400; a page drops it, names it,
 * and shows the rest, so an edited or outdated link still opens. Other parameters (the paging
 * stack `prev`, say) are not filters and are left alone.
 */
export function parseTicketParams(raw: Record<string, string | string[] | undefined>): {
  filters: OperationRequestFilters;
  ignored: IgnoredTicketParam[];
} {
  const fields = OperationRequestFilterSchema.shape;
  const accepted: Record<string, unknown> = {};
  const ignored: IgnoredTicketParam[] = [];
  for (const key of PARSED_KEYS) {
    const value = Array.isArray(raw[key]) ? raw[key][0] : raw[key];
    // A GET form sends empty fields (`?state=`): they mean "no filter".
    if (value === undefined || value.trim() === "") continue;
    const result = fields[key].safeParse(value);
    if (result.success) accepted[key] = result.data;
    else
      ignored.push({
        field: key,
        message: result.error.issues[0]?.message ?? "Not a valid value.",
      });
  }
  if (
    typeof accepted.from === "string" &&
    typeof accepted.to === "string" &&
    accepted.from > accepted.to
  ) {
    ignored.push({ field: "from", message: "From is after To; the range would be empty." });
    delete accepted.from;
  }
  return { filters: OperationRequestFilterSchema.parse(accepted), ignored };
}
