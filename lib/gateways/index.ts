import type { CheckoutGatewayPort, PaymentGatewayPort } from "./port";
import { sandboxCheckoutGateway, sandboxGateway } from "./sandbox-gateway";

/**
 * The adapter for a gateway code. Every gateway is served by the sandbox for now; a real
 * adapter slots in here by code.
 */
export function gatewayFor(_code: string): PaymentGatewayPort {
  return sandboxGateway();
}

/** The checkout adapter for a gateway code (charge, getCharge, capture); the sandbox for now. */
export function checkoutGatewayFor(_code: string): CheckoutGatewayPort {
  return sandboxCheckoutGateway();
}
