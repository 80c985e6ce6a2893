import { z } from "zod";
import { errorBody } from "@/lib/api/errors";
import { apiRoute, methodNotAllowed } from "@/lib/api/route";
import { isMailboxEnabled } from "@/lib/email/outbox";
import { notFound } from "@/lib/errors";
import {
  listMailboxEmails,
  MailboxEmailJsonSchema,
  MailboxFilterSchema,
  toMailboxEmailJson,
} from "@/lib/queries/email/list-mailbox-emails";

export const dynamic = "force-dynamic";

const listEmails = apiRoute(
  {
    permission: "authenticated",
    query: MailboxFilterSchema,
    output: z.object({ data: z.array(MailboxEmailJsonSchema) }),
  },
  async ({ principal, query }) => {
    const emails = await listMailboxEmails(principal.merchantId, query);
    return { body: { data: emails.map(toMailboxEmailJson) } };
  },
);

/**
 * GET /api/dev/mailbox?to=<address>: the signed-in merchant's newest stored emails, for end-to-end
 * tests to poll. Where real email is sent (or in production) the route does not exist, for anyone.
 */
export async function GET(...args: Parameters<typeof listEmails>): Promise<Response> {
  if (!isMailboxEnabled())
    return Response.json(errorBody(notFound("Mailbox")), {
      status: 404,
      headers: { "cache-control": "no-store" },
    });
  return listEmails(...args);
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET"]);
