import "server-only";
import { config } from "@/lib/config";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getPublicCheckoutSession } from "@/lib/queries/checkout/publishable-keys";
import { CreateCheckoutSchema } from "@/lib/validation/checkout";
import { createCheckoutSession } from "./create-checkout-session";

/** What the sandbox demo shop sells: one product, priced in KWD on the demo KNET gateway. */
export const DEMO_PRODUCT = {
  name: "Countersign enamel mug",
  description: "350 ml, dishwasher safe, with the Countersign mark.",
  amount: "4.500",
  currency: "KWD",
  gateway: "knet",
} as const;

export const DEMO_MERCHANT_NAME = "Demo Store";
const DEMO_SHOP_ACTOR_EMAIL = "admin@demo.test";

/**
 * The sandbox demo shop's "server": creates a checkout session for Demo Store as its server would,
 * through the Checkout API's service with the seeded admin's identity (via "api"). Sandbox only; the
 * page behind it has no sign-in, so nothing here takes input from the visitor.
 */
export async function createDemoShopSession(): Promise<{ id: string }> {
  if (!config().sandboxMode)
    throw new AppError("not_found", "The demo shop runs in sandbox mode only.");
  const merchant = await prisma.merchant.findFirst({
    where: { name: DEMO_MERCHANT_NAME },
    select: { id: true },
  });
  const admin = await prisma.user.findUnique({
    where: { email: DEMO_SHOP_ACTOR_EMAIL },
    select: { id: true },
  });
  if (!merchant || !admin)
    throw new AppError("operation_not_allowed", "Load the demo data first (npm run db:seed).");
  return createCheckoutSession(
    {
      merchantId: merchant.id,
      auditActor: { userId: admin.id, type: "api_key" },
      userId: admin.id,
      via: "api",
    },
    CreateCheckoutSchema.parse({
      type: "e_commerce",
      amount: DEMO_PRODUCT.amount,
      currency_code: DEMO_PRODUCT.currency,
      pg_codes: [DEMO_PRODUCT.gateway],
      expiration_time: "00:30:00",
    }),
  );
}

/** The demo shop's session, when it is Demo Store's: the page shows it embedded. */
export async function findDemoShopSession(id: string) {
  const merchant = await prisma.merchant.findFirst({
    where: { name: DEMO_MERCHANT_NAME },
    select: { id: true },
  });
  return merchant ? getPublicCheckoutSession(merchant.id, id) : null;
}
