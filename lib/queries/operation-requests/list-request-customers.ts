import "server-only";
import { prisma } from "@/lib/db";

/**
 * The customer of each payment, by payment id, for the checker's confirmation ("... to Sara Ali"):
 * the ticket rows carry the payment, not its customer. Payments without one are left out.
 */
export async function listRequestCustomers(
  merchantId: string,
  transactionIds: readonly string[],
): Promise<Record<string, string>> {
  if (transactionIds.length === 0) return {};
  const payments = await prisma.paymentTransaction.findMany({
    where: { merchantId, id: { in: [...new Set(transactionIds)] }, customerId: { not: null } },
    select: { id: true, customer: { select: { name: true, email: true } } },
  });
  const customers: Record<string, string> = {};
  for (const payment of payments) {
    if (!payment.customer) continue;
    const { name, email } = payment.customer;
    customers[payment.id] = email ? `${name} (${email})` : name;
  }
  return customers;
}
