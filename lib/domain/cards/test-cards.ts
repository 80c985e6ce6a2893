import type { CardBrand } from "./brand";

/**
 * The sandbox issuer's behaviour for a card, chosen by its number (README "Sandbox test cards").
 * Every number below is Luhn-valid; any other valid number behaves as `frictionless`.
 */
export type CardScenario =
  /** 3-D Secure passes without asking the customer anything; the issuer approves. */
  | "frictionless"
  /** The issuer's ACS page asks for a one-time code: 123456 passes, any other code fails. */
  | "challenge"
  /** 3-D Secure authentication fails (no challenge): the payment is declined. */
  | "three_ds_failed"
  /** 3-D Secure passes; the issuer declines (05, do not honour). */
  | "declined"
  /** 3-D Secure passes; the issuer declines (51, insufficient funds). */
  | "insufficient_funds"
  /** The card is not enrolled in 3-D Secure; the issuer approves. */
  | "no_three_ds";

export const CARD_SCENARIOS: readonly CardScenario[] = [
  "frictionless",
  "challenge",
  "three_ds_failed",
  "declined",
  "insufficient_funds",
  "no_three_ds",
];

export type TestCard = {
  number: string;
  brand: CardBrand;
  scenario: CardScenario;
  /** What the README and the pages say about it. */
  description: string;
};

/** The one-time code the sandbox ACS accepts, and the one documented to fail. */
export const ACS_SUCCESS_CODE = "123456";
export const ACS_FAILURE_CODE = "000000";

export const TEST_CARDS: readonly TestCard[] = [
  {
    number: "4242424242424242",
    brand: "visa",
    scenario: "frictionless",
    description: "Succeeds; 3-D Secure frictionless",
  },
  {
    number: "5555555555554444",
    brand: "mastercard",
    scenario: "frictionless",
    description: "Succeeds; 3-D Secure frictionless",
  },
  {
    number: "2223003122003222",
    brand: "mastercard",
    scenario: "frictionless",
    description: "Succeeds (Mastercard 2-series); 3-D Secure frictionless",
  },
  {
    number: "378282246310005",
    brand: "amex",
    scenario: "frictionless",
    description: "Succeeds; 3-D Secure frictionless (4-digit security code)",
  },
  {
    number: "4000000000003220",
    brand: "visa",
    scenario: "challenge",
    description: "3-D Secure challenge: 123456 succeeds, 000000 fails",
  },
  {
    number: "5555555555553222",
    brand: "mastercard",
    scenario: "challenge",
    description: "3-D Secure challenge: 123456 succeeds, 000000 fails",
  },
  {
    number: "4000008400001629",
    brand: "visa",
    scenario: "three_ds_failed",
    description: "3-D Secure authentication fails; declined",
  },
  {
    number: "4000000000000002",
    brand: "visa",
    scenario: "declined",
    description: "Declined by the issuer (05, do not honour)",
  },
  {
    number: "4000000000009995",
    brand: "visa",
    scenario: "insufficient_funds",
    description: "Declined by the issuer (51, insufficient funds)",
  },
  {
    number: "4000000000000077",
    brand: "visa",
    scenario: "no_three_ds",
    description: "Succeeds; card not enrolled in 3-D Secure",
  },
];

const BY_NUMBER = new Map(TEST_CARDS.map((card) => [card.number, card.scenario]));

/** The scenario of a (normalized, valid) card number: a documented test card's, else frictionless. */
export function scenarioOf(digits: string): CardScenario {
  return BY_NUMBER.get(digits) ?? "frictionless";
}
