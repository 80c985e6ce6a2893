import "server-only";
import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/db";
import { checkCard } from "@/lib/domain/cards/validate-card";
import { AppError } from "@/lib/errors";
import type { TokenizeBody, TokenizeResponse } from "@/lib/validation/sandbox-gateway";

/**
 * The sandbox gateway's tokenize: the browser sends the card here (as a real provider's fields
 * would), the merchant's server only ever sees the token. The row keeps brand, last 4, expiry,
 * holder and the test scenario; the number and the code go nowhere after this function returns.
 */
export async function tokenizeSandboxCard(
  input: TokenizeBody,
  now = new Date(),
): Promise<TokenizeResponse> {
  const checked = checkCard(input, now);
  if (!checked.ok) {
    const [first] = checked.errors;
    throw new AppError(
      "validation_error",
      `Invalid body: ${first.field}: ${first.message}`,
      checked.errors,
    );
  }
  const { card } = checked;
  const token = `tok_sbx_${randomBytes(16).toString("hex")}`;
  await prisma.sandboxCardToken.create({
    data: {
      token,
      brand: card.brand,
      last4: card.last4,
      expMonth: card.expMonth,
      expYear: card.expYear,
      holder: card.holder,
      scenario: card.scenario,
    },
  });
  return {
    token,
    brand: card.brand,
    last4: card.last4,
    expMonth: card.expMonth,
    expYear: card.expYear,
  };
}
