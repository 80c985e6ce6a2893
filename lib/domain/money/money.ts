import { type CurrencyCode, currencyExponent, isCurrencyCode } from "./currency";

/**
 * Money is an integer count of the currency's minor units (fils, cents, yen) held in a bigint.
 * It is never a float: amounts enter as decimal strings (or JSON numbers turned into their exact
 * decimal text), are checked against the currency's exponent, and leave as decimal strings.
 */
export type Money = { readonly minor: bigint; readonly currency: CurrencyCode };

export type MoneyParseError =
  | { code: "unknown_currency"; message: string }
  | { code: "invalid_amount"; message: string }
  | { code: "too_many_decimals"; message: string }
  | { code: "negative_amount"; message: string };

export type ParseResult = { ok: true; money: Money } | { ok: false; error: MoneyParseError };

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;
/** Larger than any real payment, small enough to fit numeric(20,3). */
const MAX_INTEGER_DIGITS = 15;

/** Parses "12.5", "12.500" or 12.5 in KWD into 12500 fils; refuses what the currency cannot hold. */
export function parseMoney(input: string | number, currency: string): ParseResult {
  if (!isCurrencyCode(currency)) {
    return fail("unknown_currency", `Unknown currency "${currency}".`);
  }
  const text = typeof input === "number" ? numberToDecimalText(input) : input.trim();
  const match = text === null ? null : DECIMAL.exec(text);
  if (!match) {
    return fail("invalid_amount", `"${String(input)}" is not an amount; write it like 12.50.`);
  }
  const [, minus, whole, fraction = ""] = match;
  const exponent = currencyExponent(currency);
  const significant = fraction.replace(/0+$/, "");
  if (significant.length > exponent) {
    return fail(
      "too_many_decimals",
      exponent === 0
        ? `${currency} amounts have no decimal places.`
        : `${currency} amounts have at most ${exponent} decimal place${exponent === 1 ? "" : "s"}.`,
    );
  }
  if (whole.replace(/^0+/, "").length > MAX_INTEGER_DIGITS) {
    return fail("invalid_amount", "The amount is too large.");
  }
  const minor = BigInt(whole + significant.padEnd(exponent, "0"));
  if (minus && minor !== 0n) {
    return fail("negative_amount", "The amount cannot be negative.");
  }
  return { ok: true, money: { minor, currency } };
}

/** A Prisma Decimal (or any decimal.js value), without importing Prisma into the domain. */
export type DecimalLike = { toFixed(): string };

/**
 * Like parseMoney for values we wrote ourselves: a database decimal as Prisma returns it, or its
 * text from raw SQL. Throws on a broken invariant.
 */
export function moneyFromDecimal(value: DecimalLike | string, currency: string): Money {
  // toFixed(), not toString(): Decimal.toString() may answer in exponent notation.
  const result = parseMoney(typeof value === "string" ? value : value.toFixed(), currency);
  if (!result.ok)
    throw new Error(
      `Stored amount ${String(value)} ${currency} is invalid: ${result.error.message}`,
    );
  return result.money;
}

/** The exact decimal text with exactly the currency's decimals: 12500n KWD -> "12.500". */
export function toDecimalString(money: Money): string {
  const exponent = currencyExponent(money.currency);
  const negative = money.minor < 0n;
  const digits = (negative ? -money.minor : money.minor).toString().padStart(exponent + 1, "0");
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = digits.slice(digits.length - exponent);
  return `${negative ? "-" : ""}${whole}${exponent > 0 ? `.${fraction}` : ""}`;
}

/** For people: "12.500 KWD", with thousands separators. */
export function formatMoney(money: Money): string {
  const [whole, fraction] = toDecimalString(money).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${fraction === undefined ? grouped : `${grouped}.${fraction}`} ${money.currency}`;
}

export function money(minor: bigint, currency: CurrencyCode): Money {
  return { minor, currency };
}

export function addMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return { minor: a.minor + b.minor, currency: a.currency };
}

export function subtractMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return { minor: a.minor - b.minor, currency: a.currency };
}

export function compareMoney(a: Money, b: Money): -1 | 0 | 1 {
  assertSameCurrency(a, b);
  return a.minor < b.minor ? -1 : a.minor > b.minor ? 1 : 0;
}

function assertSameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new Error(`Cannot combine ${a.currency} with ${b.currency}`);
}

/** JSON numbers reach us as doubles; their shortest round-trip text is the decimal the sender wrote. */
function numberToDecimalText(value: number): string | null {
  if (!Number.isFinite(value)) return null;
  const text = String(value);
  return /e/i.test(text) ? null : text;
}

function fail(code: MoneyParseError["code"], message: string): ParseResult {
  return { ok: false, error: { code, message } as MoneyParseError };
}
