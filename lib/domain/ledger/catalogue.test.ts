import { describe, expect, it } from "vitest";
import {
  isProcessType,
  PROCESS_CLASSES,
  PROCESS_TYPE_DEFINITIONS,
  PROCESS_TYPES,
  type ProcessType,
  processTypeDefinition,
  SEED_VISIBILITY,
  scopesOf,
  typesVisibleIn,
} from "./catalogue";

// The seed's "Business Process Types" table, row by row: class, code, UI name ("Types" filter).
const SEED_TYPES: [string, string, string][] = [
  ["GateProcess", "gate_redeem", "Withdrawal via provider"],
  ["ClientTransactionProcess", "client_transaction_transfer", "Transfer"],
  ["ClientTransactionProcess", "client_transaction_issue", "Account creation"],
  ["ClientTransactionProcess", "client_create_prepaid", "Voucher creation"],
  ["ClientTransactionProcess", "client_charge_prepaid", "Voucher activation"],
  ["MerchantPaymentProcess", "merchant_payment", "Merchant payment"],
  ["MerchantInvoiceProcess", "merchant_invoice", "Invoice"],
  ["GateProcess", "gate_charge", "Top up via provider"],
  ["GateProcess", "gate_purchase", "Purchase via provider"],
  ["GateProcess", "gate_issue_card", "Issue Card"],
  ["ExchangeProcess", "exchange_transaction", "Currency exchange"],
  ["ExchangeReserveProcess", "exchange_reserve_top_up", "Top up Exchange reserve"],
  ["ExchangeReserveProcess", "exchange_reserve_withdraw", "Withdraw Exchange reserve"],
  ["CashDeskProcess", "cash_desk_redeem", "Withdrawal via cash desk"],
  ["CashDeskProcess", "cash_desk_charge", "Top up via cash desk"],
  ["InvestmentProcess", "cash_investment", "Provider/cash desk account top up"],
  ["CashReserveProcess", "cash_collect", "Cash collect"],
  ["CashReserveProcess", "cash_input", "Cash input"],
  ["ContractTransitProcess", "contract_transit", "Contract change fee"],
  ["BankProcess", "bank_topup", "Topup via bank"],
  ["BankProcess", "bank_redeem", "Withdrawal via bank"],
];

// The three the issue adds for card refunds, refunds via provider and voids.
const ADDED_TYPES: [string, string, string][] = [
  ["CardRefundProcess", "gate_card_refund", "Card refund"],
  ["CardRefundProcess", "gate_refund", "Refund via provider"],
  ["GateProcess", "gate_reversal", "Reversal"],
];

// The seed's client/system table, all 33 rows as written.
const SEED_SCOPES: [string, string][] = [
  ["BANK_REDEEM", "Client, System"],
  ["BANK_REDEEM_COMMISSION", "System"],
  ["BANK_TOPUP", "Client, System"],
  ["GATE_CARD_VERIFICATION", "Client"],
  ["CASH_DESK_CHARGE", "Client, System"],
  ["CASH_DESK_REDEEM", "Client, System"],
  ["CASH_COLLECT", "System"],
  ["CASH_INPUT", "System"],
  ["CASH_INVESTMENT", "System"],
  ["MERCHANT_CASHBACK", "Client"],
  ["CLIENT_TRANSACTION_TRANSFER", "Client"],
  ["CLIENT_TRANSACTION_SPLIT", "System"],
  ["CLIENT_TRANSACTION_MERGE", "System"],
  ["CLIENT_TRANSACTION_REDEEM", "System"],
  ["CLIENT_CREATE_PREPAID", "Client"],
  ["CLIENT_CHARGE_PREPAID", "Client"],
  ["CLIENT_TRANSACTION_ISSUE", "System"],
  ["CLIENT_TRANSACTION_BALANCE", "Client"],
  ["CONTRACT_TRANSIT", "Client"],
  ["EXCHANGE_TRANSACTION", "Client"],
  ["GATE_CHARGE", "Client"],
  ["GATE_MERCHANT_PAYMENT", "Client"],
  ["GATE_REDEEM", "Client"],
  ["GATE_PURCHASE", "Client"],
  ["GATE_ISSUE_CARD", "Client"],
  ["GATE_TOKENIZATION", "Client"],
  ["MERCHANT_INVOICE", "Client"],
  ["MERCHANT_PAYMENT", "Client"],
  ["MONTHLY_FEE", "Client"],
  ["EXCHANGE_RESERVE_TOP_UP", "System"],
  ["EXCHANGE_RESERVE_WITHDRAW", "System"],
  ["GATE_CARD_REFUND", "Client"],
  ["GATE_REFUND", "Client"],
];

const CLIENT_ONLY: ProcessType[] = [
  "gate_redeem",
  "client_transaction_transfer",
  "client_create_prepaid",
  "client_charge_prepaid",
  "merchant_payment",
  "merchant_invoice",
  "gate_charge",
  "gate_purchase",
  "gate_issue_card",
  "exchange_transaction",
  "contract_transit",
  "gate_card_refund",
  "gate_refund",
  "gate_reversal",
];
const SYSTEM_ONLY: ProcessType[] = [
  "client_transaction_issue",
  "exchange_reserve_top_up",
  "exchange_reserve_withdraw",
  "cash_investment",
  "cash_collect",
  "cash_input",
];
const BOTH: ProcessType[] = ["cash_desk_redeem", "cash_desk_charge", "bank_topup", "bank_redeem"];

describe("process types", () => {
  it("are the seed's 21 types and the three added ones, in that order", () => {
    expect(PROCESS_TYPES).toEqual([...SEED_TYPES, ...ADDED_TYPES].map(([, code]) => code));
    expect(new Set(PROCESS_TYPES).size).toBe(24);
  });

  it.each([...SEED_TYPES, ...ADDED_TYPES])(
    "%s %s is shown as '%s'",
    (processClass, code, uiName) => {
      expect(isProcessType(code)).toBe(true);
      const definition = processTypeDefinition(code as ProcessType);
      expect(definition.code).toBe(code);
      expect(definition.processClass).toBe(processClass);
      expect(definition.uiName).toBe(uiName);
      expect(PROCESS_CLASSES).toContain(definition.processClass);
    },
  );

  it("has one UI name per type (the Types filter cannot show two the same)", () => {
    const names = PROCESS_TYPE_DEFINITIONS.map((d) => d.uiName);
    expect(new Set(names).size).toBe(names.length);
  });

  it("rejects unknown codes", () => {
    for (const value of ["", "GATE_REDEEM", "gate_card_verification", "monthly_fee", null, 7]) {
      expect(isProcessType(value)).toBe(false);
    }
    expect(() => processTypeDefinition("monthly_fee" as ProcessType)).toThrow(
      /unknown process type/,
    );
  });

  it("starts a card issue waiting for approval and every other type pending", () => {
    for (const definition of PROCESS_TYPE_DEFINITIONS) {
      expect(definition.initialStatus).toBe(
        definition.code === "gate_issue_card" ? "waiting_for_approval" : "pending",
      );
    }
  });

  it("holds in the first session exactly for the withdrawals (gate, bank, cash desk)", () => {
    const distributed = PROCESS_TYPE_DEFINITIONS.filter((d) => d.mode === "distributed").map(
      (d) => d.code,
    );
    expect(distributed.sort()).toEqual(["bank_redeem", "cash_desk_redeem", "gate_redeem"]);
  });

  it("moves nothing for account creation and reversal, and at most two legs otherwise", () => {
    for (const definition of PROCESS_TYPE_DEFINITIONS) {
      const legless =
        definition.code === "client_transaction_issue" || definition.code === "gate_reversal";
      expect(definition.legs.length === 0).toBe(legless);
      expect(definition.legs.length).toBeLessThanOrEqual(2);
    }
    expect(processTypeDefinition("exchange_transaction").legs).toHaveLength(2);
  });

  it("makes only card refunds and reversals by the system", () => {
    const systemMade = PROCESS_TYPE_DEFINITIONS.filter((d) => "systemMade" in d && d.systemMade);
    expect(systemMade.map((d) => d.code).sort()).toEqual(["gate_card_refund", "gate_reversal"]);
  });
});

describe("viewer scopes", () => {
  const parse = (written: string) =>
    written.split(", ").map((scope) => scope.toLowerCase()) as ("client" | "system")[];

  it("has exactly the seed's 33 rows", () => {
    expect(SEED_SCOPES).toHaveLength(33);
    expect(Object.keys(SEED_VISIBILITY)).toEqual(SEED_SCOPES.map(([code]) => code));
    expect(Object.keys(SEED_VISIBILITY)).toHaveLength(33);
  });

  it.each(SEED_SCOPES)("%s is %s", (code, written) => {
    expect(SEED_VISIBILITY[code as keyof typeof SEED_VISIBILITY]).toEqual(parse(written));
  });

  it.each(PROCESS_TYPES.filter((t) => t !== "gate_reversal"))(
    "%s takes its scopes from the seed's row",
    (type) => {
      const seedRow = SEED_SCOPES.find(([code]) => code === type.toUpperCase());
      expect(seedRow).toBeDefined();
      expect(scopesOf(type)).toEqual(parse(seedRow?.[1] ?? ""));
    },
  );

  it("puts the reversal (not in the seed's table) on the client side, like the payment it voids", () => {
    expect(SEED_SCOPES.some(([code]) => code === "GATE_REVERSAL")).toBe(false);
    expect(scopesOf("gate_reversal")).toEqual(["client"]);
  });

  it("splits the 24 types into client only, system only and both", () => {
    expect([...CLIENT_ONLY, ...SYSTEM_ONLY, ...BOTH].sort()).toEqual([...PROCESS_TYPES].sort());
    for (const type of CLIENT_ONLY) expect(scopesOf(type)).toEqual(["client"]);
    for (const type of SYSTEM_ONLY) expect(scopesOf(type)).toEqual(["system"]);
    for (const type of BOTH) expect(scopesOf(type)).toEqual(["client", "system"]);
  });

  it("shows a client viewer the client and shared types", () => {
    expect(typesVisibleIn(["client"]).sort()).toEqual([...CLIENT_ONLY, ...BOTH].sort());
  });

  it("shows a system viewer the system and shared types", () => {
    expect(typesVisibleIn(["system"]).sort()).toEqual([...SYSTEM_ONLY, ...BOTH].sort());
  });

  it("shows a viewer with both scopes every type, in catalogue order", () => {
    expect(typesVisibleIn(["client", "system"])).toEqual(PROCESS_TYPES);
    expect(typesVisibleIn(["system", "client"])).toEqual(PROCESS_TYPES);
  });

  it("shows nothing without a scope", () => {
    expect(typesVisibleIn([])).toEqual([]);
  });
});
