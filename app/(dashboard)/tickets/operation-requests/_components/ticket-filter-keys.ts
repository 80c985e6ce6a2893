/** The ticket table's filters, as named in the URL and in GET /api/v1/operation-requests. */
export const TICKET_FILTER_KEYS = ["state", "operation", "from", "to", "pg", "currency"] as const;
export type TicketFilterKey = (typeof TICKET_FILTER_KEYS)[number];
