/** The ticket table's filters (and its order), as named in the URL and in GET /api/v1/operation-requests. */
export const TICKET_FILTER_KEYS = [
  "state",
  "operation",
  "from",
  "to",
  "pg",
  "currency",
  "q",
  "sort",
] as const;
export type TicketFilterKey = (typeof TICKET_FILTER_KEYS)[number];
