import { type Money, parseMoney } from "@/lib/domain/money/money";
import { toE164 } from "@/lib/domain/phones/phone";
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

/** A phone number in E.164 ("+96550001234"), as lib/domain/phones reads what a person types. */
export function normalizePhone(value: string): string {
  const phone = toE164(value);
  if (!phone.ok) throw checkoutFieldError("customer_phone", phone.reason.replace(/\.$/, ""));
  return phone.e164;
}
