/**
 * Business process types: the source's "Business Process Types" table (code, class, the name the
 * "Types" filter shows) with what each one does to the ledger, and the source's client/system
 * table that decides who may see a process. Pure data and lookups.
 */

export const PROCESS_CLASSES = [
  "BankProcess",
  "CardAttachmentProcess",
  "CardRefundProcess",
  "CashDeskProcess",
  "CashbackPaymentProcess",
  "ClientTransactionProcess",
  "ContractTransitProcess",
  "DepositProcess",
  "ExchangeProcess",
  "ExchangeReserveProcess",
  "GateProcess",
  "MerchantInvoiceProcess",
  "MerchantPaymentProcess",
  "CashReserveProcess",
  "InvestmentProcess",
] as const;
export type ProcessClass = (typeof PROCESS_CLASSES)[number];

/**
 * Where a process takes its accounts from. `source` and `destination` are accounts the caller
 * names; the others are the merchant's system accounts, found (or opened) per currency or gateway.
 */
export type AccountRole =
  | "source"
  | "destination"
  | "provider"
  | "bank"
  | "merchant"
  | "fees"
  | "reserve"
  | "counter_reserve";

/** One movement of a recipe: `amount` is the process amount, `fee` its fee, `counter` the exchanged amount. */
export type Leg = {
  readonly debit: AccountRole;
  readonly credit: AccountRole;
  readonly amount: "amount" | "fee" | "counter";
};

/**
 * single: every transfer posts at once or nothing does. distributed: the first session holds, the
 * second posts (approve) or releases (decline). account_creation: opens an account, moves nothing.
 * reversal: releases another process's holds. refund: posts against another process.
 */
export type ProcessMode = "single" | "distributed" | "account_creation" | "reversal" | "refund";

export type ProcessTypeDefinition = {
  readonly code: string;
  readonly processClass: ProcessClass;
  readonly uiName: string;
  readonly description: string;
  readonly mode: ProcessMode;
  readonly legs: readonly Leg[];
  /** Whether a fee leg (from the source to the fees account) may be added. */
  readonly feeAllowed: boolean;
  /** Which account kinds the caller's `source` / `destination` may be. */
  readonly sourceKinds?: readonly string[];
  readonly destinationKinds?: readonly string[];
  /** Made by the system (card refunds and voids through operation requests), never by the API. */
  readonly systemMade?: boolean;
  /** The status a new process starts in before limits are checked. */
  readonly initialStatus: "pending" | "waiting_for_approval";
};

const CLIENT_SIDE = ["client_coin", "prepaid_voucher", "deposit_coin"];
const COIN = ["client_coin"];

function def<const Code extends string>(
  d: Omit<ProcessTypeDefinition, "initialStatus" | "code"> &
    Partial<ProcessTypeDefinition> & { code: Code },
): ProcessTypeDefinition & { readonly code: Code } {
  return { initialStatus: "pending", ...d };
}

export const PROCESS_TYPE_DEFINITIONS = [
  def({
    code: "gate_redeem",
    processClass: "GateProcess",
    uiName: "Withdrawal via provider",
    description: "Withdrawal from a client coin through a gate provider",
    mode: "distributed",
    legs: [{ debit: "source", credit: "provider", amount: "amount" }],
    feeAllowed: true,
    sourceKinds: COIN,
  }),
  def({
    code: "client_transaction_transfer",
    processClass: "ClientTransactionProcess",
    uiName: "Transfer",
    description: "Transfer from one client coin to another",
    mode: "single",
    legs: [{ debit: "source", credit: "destination", amount: "amount" }],
    feeAllowed: true,
    sourceKinds: COIN,
    destinationKinds: COIN,
  }),
  def({
    code: "client_transaction_issue",
    processClass: "ClientTransactionProcess",
    uiName: "Account creation",
    description: "Creation of a new client coin (amount 0)",
    mode: "account_creation",
    legs: [],
    feeAllowed: false,
  }),
  def({
    code: "client_create_prepaid",
    processClass: "ClientTransactionProcess",
    uiName: "Voucher creation",
    description: "A prepaid voucher created from a client coin",
    mode: "single",
    legs: [{ debit: "source", credit: "destination", amount: "amount" }],
    feeAllowed: true,
    sourceKinds: COIN,
    destinationKinds: ["prepaid_voucher"],
  }),
  def({
    code: "client_charge_prepaid",
    processClass: "ClientTransactionProcess",
    uiName: "Voucher activation",
    description: "A voucher's amount paid into a client coin",
    mode: "single",
    legs: [{ debit: "source", credit: "destination", amount: "amount" }],
    feeAllowed: false,
    sourceKinds: ["prepaid_voucher"],
    destinationKinds: COIN,
  }),
  def({
    code: "merchant_payment",
    processClass: "MerchantPaymentProcess",
    uiName: "Merchant payment",
    description: "Payment for the merchant's goods and services into the merchant coin",
    mode: "single",
    legs: [{ debit: "source", credit: "merchant", amount: "amount" }],
    feeAllowed: false,
    sourceKinds: [...CLIENT_SIDE, "provider_clearing"],
  }),
  def({
    code: "merchant_invoice",
    processClass: "MerchantInvoiceProcess",
    uiName: "Invoice",
    description: "Payment of an invoice the merchant created",
    mode: "single",
    legs: [{ debit: "source", credit: "merchant", amount: "amount" }],
    feeAllowed: false,
    sourceKinds: CLIENT_SIDE,
  }),
  def({
    code: "gate_charge",
    processClass: "GateProcess",
    uiName: "Top up via provider",
    description: "Top-up of a client coin through a gate provider",
    mode: "single",
    legs: [{ debit: "provider", credit: "destination", amount: "amount" }],
    feeAllowed: false,
    destinationKinds: COIN,
  }),
  def({
    code: "gate_purchase",
    processClass: "GateProcess",
    uiName: "Purchase via provider",
    description: "A product bought with a client coin",
    mode: "single",
    legs: [{ debit: "source", credit: "provider", amount: "amount" }],
    feeAllowed: true,
    sourceKinds: COIN,
  }),
  def({
    code: "gate_issue_card",
    processClass: "GateProcess",
    uiName: "Issue Card",
    description: "A card issued, paid from a client coin",
    mode: "single",
    legs: [{ debit: "source", credit: "provider", amount: "amount" }],
    feeAllowed: true,
    sourceKinds: COIN,
    initialStatus: "waiting_for_approval",
  }),
  def({
    code: "exchange_transaction",
    processClass: "ExchangeProcess",
    uiName: "Currency exchange",
    description: "Currency exchange between two coins through the exchange reserves",
    mode: "single",
    legs: [
      { debit: "source", credit: "reserve", amount: "amount" },
      { debit: "counter_reserve", credit: "destination", amount: "counter" },
    ],
    feeAllowed: false,
    sourceKinds: COIN,
    destinationKinds: COIN,
  }),
  def({
    code: "exchange_reserve_top_up",
    processClass: "ExchangeReserveProcess",
    uiName: "Top up Exchange reserve",
    description: "Top-up of an exchange reserve from the bank account",
    mode: "single",
    legs: [{ debit: "bank", credit: "reserve", amount: "amount" }],
    feeAllowed: false,
  }),
  def({
    code: "exchange_reserve_withdraw",
    processClass: "ExchangeReserveProcess",
    uiName: "Withdraw Exchange reserve",
    description: "Withdrawal from an exchange reserve to the bank account",
    mode: "single",
    legs: [{ debit: "reserve", credit: "bank", amount: "amount" }],
    feeAllowed: false,
  }),
  def({
    code: "cash_desk_redeem",
    processClass: "CashDeskProcess",
    uiName: "Withdrawal via cash desk",
    description: "Withdrawal from a client coin through a cash desk",
    mode: "distributed",
    legs: [{ debit: "source", credit: "destination", amount: "amount" }],
    feeAllowed: true,
    sourceKinds: COIN,
    destinationKinds: ["cash_desk"],
  }),
  def({
    code: "cash_desk_charge",
    processClass: "CashDeskProcess",
    uiName: "Top up via cash desk",
    description: "Top-up of a client coin through a cash desk",
    mode: "single",
    legs: [{ debit: "source", credit: "destination", amount: "amount" }],
    feeAllowed: false,
    sourceKinds: ["cash_desk"],
    destinationKinds: COIN,
  }),
  def({
    code: "cash_investment",
    processClass: "InvestmentProcess",
    uiName: "Provider/cash desk account top up",
    description: "Money invested into a cash desk or a provider account",
    mode: "single",
    // The desk (debit-normal) receives cash; the bank stands for where it came from.
    legs: [{ debit: "destination", credit: "bank", amount: "amount" }],
    feeAllowed: false,
    destinationKinds: ["cash_desk", "provider_clearing"],
  }),
  def({
    code: "cash_collect",
    processClass: "CashReserveProcess",
    uiName: "Cash collect",
    description: "Cash moved between cash desks (collected)",
    mode: "single",
    legs: [{ debit: "destination", credit: "source", amount: "amount" }],
    feeAllowed: false,
    sourceKinds: ["cash_desk"],
    destinationKinds: ["cash_desk"],
  }),
  def({
    code: "cash_input",
    processClass: "CashReserveProcess",
    uiName: "Cash input",
    description: "Cash moved between cash desks (put in)",
    mode: "single",
    legs: [{ debit: "destination", credit: "source", amount: "amount" }],
    feeAllowed: false,
    sourceKinds: ["cash_desk"],
    destinationKinds: ["cash_desk"],
  }),
  def({
    code: "contract_transit",
    processClass: "ContractTransitProcess",
    uiName: "Contract change fee",
    description: "Payment for new contract settings",
    mode: "single",
    legs: [{ debit: "source", credit: "fees", amount: "amount" }],
    feeAllowed: false,
    sourceKinds: COIN,
  }),
  def({
    code: "bank_topup",
    processClass: "BankProcess",
    uiName: "Topup via bank",
    description: "Top-up of a client coin from a bank account",
    mode: "single",
    legs: [{ debit: "bank", credit: "destination", amount: "amount" }],
    feeAllowed: false,
    destinationKinds: COIN,
  }),
  def({
    code: "bank_redeem",
    processClass: "BankProcess",
    uiName: "Withdrawal via bank",
    description: "Withdrawal from a client coin to a bank account",
    mode: "distributed",
    legs: [{ debit: "source", credit: "bank", amount: "amount" }],
    feeAllowed: true,
    sourceKinds: COIN,
  }),
  def({
    code: "gate_card_refund",
    processClass: "CardRefundProcess",
    uiName: "Card refund",
    description: "Funds returned to the customer's card after a processed card payment",
    mode: "refund",
    legs: [{ debit: "merchant", credit: "provider", amount: "amount" }],
    feeAllowed: false,
    systemMade: true,
  }),
  def({
    code: "gate_refund",
    processClass: "CardRefundProcess",
    uiName: "Refund via provider",
    description: "A purchase via provider refunded to the client coin",
    mode: "refund",
    legs: [{ debit: "provider", credit: "destination", amount: "amount" }],
    feeAllowed: false,
    destinationKinds: COIN,
  }),
  def({
    code: "gate_reversal",
    processClass: "GateProcess",
    uiName: "Reversal",
    description: "An authorization released (a void)",
    mode: "reversal",
    legs: [],
    feeAllowed: false,
    systemMade: true,
  }),
] as const satisfies readonly ProcessTypeDefinition[];

export type ProcessType = (typeof PROCESS_TYPE_DEFINITIONS)[number]["code"];

export const PROCESS_TYPES = PROCESS_TYPE_DEFINITIONS.map((d) => d.code) as ProcessType[];

const BY_CODE = new Map<string, ProcessTypeDefinition>(
  PROCESS_TYPE_DEFINITIONS.map((d) => [d.code, d]),
);

export function isProcessType(value: unknown): value is ProcessType {
  return typeof value === "string" && BY_CODE.has(value);
}

export function processTypeDefinition(
  type: ProcessType,
): ProcessTypeDefinition & { readonly code: ProcessType } {
  const found = BY_CODE.get(type);
  if (!found) throw new Error(`unknown process type ${type}`);
  return found as ProcessTypeDefinition & { readonly code: ProcessType };
}

/**
 * The source's client/system table, all 33 rows as written (upper-case codes). A code marked
 * "Client, System" is visible with either viewer permission.
 */
export const SEED_VISIBILITY = {
  BANK_REDEEM: ["client", "system"],
  BANK_REDEEM_COMMISSION: ["system"],
  BANK_TOPUP: ["client", "system"],
  GATE_CARD_VERIFICATION: ["client"],
  CASH_DESK_CHARGE: ["client", "system"],
  CASH_DESK_REDEEM: ["client", "system"],
  CASH_COLLECT: ["system"],
  CASH_INPUT: ["system"],
  CASH_INVESTMENT: ["system"],
  MERCHANT_CASHBACK: ["client"],
  CLIENT_TRANSACTION_TRANSFER: ["client"],
  CLIENT_TRANSACTION_SPLIT: ["system"],
  CLIENT_TRANSACTION_MERGE: ["system"],
  CLIENT_TRANSACTION_REDEEM: ["system"],
  CLIENT_CREATE_PREPAID: ["client"],
  CLIENT_CHARGE_PREPAID: ["client"],
  CLIENT_TRANSACTION_ISSUE: ["system"],
  CLIENT_TRANSACTION_BALANCE: ["client"],
  CONTRACT_TRANSIT: ["client"],
  EXCHANGE_TRANSACTION: ["client"],
  GATE_CHARGE: ["client"],
  GATE_MERCHANT_PAYMENT: ["client"],
  GATE_REDEEM: ["client"],
  GATE_PURCHASE: ["client"],
  GATE_ISSUE_CARD: ["client"],
  GATE_TOKENIZATION: ["client"],
  MERCHANT_INVOICE: ["client"],
  MERCHANT_PAYMENT: ["client"],
  MONTHLY_FEE: ["client"],
  EXCHANGE_RESERVE_TOP_UP: ["system"],
  EXCHANGE_RESERVE_WITHDRAW: ["system"],
  GATE_CARD_REFUND: ["client"],
  GATE_REFUND: ["client"],
} as const satisfies Record<string, readonly ("client" | "system")[]>;

export type ViewerScope = "client" | "system";

/**
 * The scopes a type is visible in. Every type we run is in the source's table except the reversal
 * (a void of a card payment), which is the customer's like the payment it releases.
 */
export function scopesOf(type: ProcessType): readonly ViewerScope[] {
  const seedCode = type.toUpperCase();
  if (Object.hasOwn(SEED_VISIBILITY, seedCode)) {
    return SEED_VISIBILITY[seedCode as keyof typeof SEED_VISIBILITY];
  }
  return ["client"];
}

/** The process types visible to a member holding exactly these scopes. */
export function typesVisibleIn(scopes: readonly ViewerScope[]): ProcessType[] {
  return PROCESS_TYPES.filter((type) => scopesOf(type).some((scope) => scopes.includes(scope)));
}
