/**
 * What the product needs from a payment gateway. Adapters translate each gateway's protocol; the
 * services see only these outcomes.
 */
export type GatewayOperationInput = {
  merchantId: string;
  gatewayCode: string;
  paymentId: string;
  /** Decimal string with the currency's decimals. */
  amount: string;
  currency: string;
  /** The same for every attempt of one request: the gateway moves the money at most once. */
  idempotencyKey: string;
};

export type GatewayOutcome = "succeeded" | "failed" | "pending" | "timeout" | "error";

export type GatewayResult = {
  outcome: GatewayOutcome;
  code: string;
  message: string;
  reference: string | null;
};

export interface PaymentGatewayPort {
  refund(input: GatewayOperationInput): Promise<GatewayResult>;
  void(input: GatewayOperationInput): Promise<GatewayResult>;
}
