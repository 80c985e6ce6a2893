import { type Money, parseMoney } from "@/lib/domain/money/money";
import { AppError } from "@/lib/errors";

/** One field's refusal, in the API's error shape. */
export function checkoutFieldError(field: string, message: string): AppError {
  return new AppError("validation_error", `${field}: ${message}.`, [{ field, message }]);
}

/** An amount in the currency's precision, greater than zero. */
export function positiveAmount(value: string | number, currency: string): Money {
  const parsed = parseMoney(value, currency);
  if (!parsed.ok) throw checkoutFieldError("amount", parsed.error.message);
  if (parsed.money.minor <= 0n) throw checkoutFieldError("amount", "must be greater than zero");
  return parsed.money;
}

/** A phone number in E.164 ("+96550001234"); spaces, dashes, dots, parentheses and a 00 prefix are accepted. */
export function normalizePhone(value: string): string {
  let digits = value.replace(/[\s().\-/]/g, "");
  if (digits.startsWith("00")) digits = `+${digits.slice(2)}`;
  if (!/^\+[1-9][0-9]{6,14}$/.test(digits))
    throw checkoutFieldError(
      "customer_phone",
      "must be an international number with its country code, e.g. +96550001234",
    );
  return digits;
}
