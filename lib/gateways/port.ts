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

/**
 * Checkout (issue 8): taking a payment. The browser never sends a card number to us: the hosted page
 * posts it to the gateway's tokenize endpoint and we see only the token. A charge either finishes at
 * once, or needs the customer in their browser first (a 3-D Secure challenge on the issuer's ACS
 * page, or the gateway's own payment page); then the gateway sends the browser back to `returnUrl`
 * and the server asks the gateway for the outcome (`getCharge`): a query string is never trusted.
 */
export type ChargeSource =
  | { kind: "card_token"; token: string }
  | { kind: "saved_card"; token: string }
  | { kind: "redirect" }
  | { kind: "apple_pay"; token: string };

export type ChargeInput = {
  merchantId: string;
  gatewayCode: string;
  /** The checkout session (= the payment transaction id). */
  paymentId: string;
  /** One attempt of the session: the gateway's idempotency key. */
  attemptId: string;
  /** Decimal string with the currency's decimals. */
  amount: string;
  currency: string;
  /** purchase captures at once; authorize only holds the amount. */
  capture: boolean;
  source: ChargeSource;
  /** Where the gateway sends the customer's browser after a challenge or its payment page. */
  returnUrl: string;
};

/** The card as the gateway describes it: never the number, never the CVC. */
export type CardSummary = {
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  /** A reusable token of the card at the gateway (for saved cards). */
  token: string;
};

export type ThreeDsOutcome = "none" | "frictionless" | "challenge";

export type ChargeResult =
  | {
      outcome: "succeeded";
      /** false when only authorized (operation authorize). */
      captured: boolean;
      reference: string;
      code: string;
      message: string;
      threeDs: ThreeDsOutcome;
      card: CardSummary | null;
    }
  | {
      /** The customer must act in the browser: go to `url` (ACS challenge or the gateway's page). */
      outcome: "action_required";
      action: "challenge" | "redirect";
      url: string;
      reference: string;
    }
  | {
      outcome: "declined";
      reference: string | null;
      code: string;
      message: string;
      threeDs: ThreeDsOutcome;
    }
  | { outcome: "pending"; reference: string; code: string; message: string }
  | { outcome: "timeout" | "error"; code: string; message: string; reference: string | null };

export type CaptureInput = {
  merchantId: string;
  gatewayCode: string;
  reference: string;
  amount: string;
  currency: string;
  idempotencyKey: string;
};

export interface CheckoutGatewayPort {
  charge(input: ChargeInput): Promise<ChargeResult>;
  /** The outcome of a charge after the customer came back from a challenge or redirect. */
  getCharge(input: {
    merchantId: string;
    gatewayCode: string;
    reference: string;
  }): Promise<ChargeResult>;
  capture(input: CaptureInput): Promise<GatewayResult>;
}
