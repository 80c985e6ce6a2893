import type { PaymentGatewayPort } from "./port";
import { sandboxGateway } from "./sandbox-gateway";

/**
 * The adapter for a gateway code. Every gateway is served by the sandbox for now; a real
 * adapter slots in here by code.
 */
export function gatewayFor(_code: string): PaymentGatewayPort {
  return sandboxGateway();
}
