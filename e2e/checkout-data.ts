/**
 * Checkout sessions for e2e/checkout.spec.ts, made through the checkout service for the demo store
 * (as its admin's API key would): `node --conditions=react-server --import tsx e2e/checkout-data.ts
 * '<json of the Checkout API's fields>'` prints {"id": ...}. Used while POST /api/v1/checkout is not
 * on this branch; the spec uses the API itself when it answers.
 */
import { prisma } from "@/lib/db";
import { createCheckoutSession } from "@/lib/services/checkout/create-checkout-session";
import { CreateCheckoutSchema } from "@/lib/validation/checkout";

const input = CreateCheckoutSchema.parse(JSON.parse(process.argv[2] ?? "{}"));
const admin = await prisma.user.findUniqueOrThrow({
  where: { email: "admin@demo.test" },
  select: { id: true, memberships: { select: { merchantId: true }, take: 1 } },
});
const created = await createCheckoutSession(
  {
    merchantId: admin.memberships[0].merchantId,
    auditActor: { userId: admin.id, type: "api_key" },
    userId: admin.id,
    via: "api",
  },
  input,
);
process.stdout.write(JSON.stringify({ id: created.id }));
await prisma.$disconnect();
