import {
  type CountryCode,
  isSupportedCountry,
  ParseError,
  parsePhoneNumberWithError,
  validatePhoneNumberLength,
} from "libphonenumber-js/max";

/**
 * Phone numbers as people type them, checked and turned into E.164 (`+96550001234`): the one form
 * the database stores (the `message_outbox.to_e164` CHECK repeats the shape) and the SMS and
 * WhatsApp providers take.
 *
 * libphonenumber-js's full ("max") metadata is used, not its default length-only metadata, so a
 * number of the right length in a range no operator was given (`+965 1234 5678`) is refused too.
 * The library also pulls a number out of surrounding text ("call +1 800 FLOWERS"); we do not want
 * that leniency for a field that is stored and messaged, so the characters are checked first.
 */

export type PhoneRefusal =
  | "empty"
  | "control_characters"
  | "too_long_input"
  | "letters"
  | "invalid_characters"
  | "unknown_country"
  | "missing_country_code"
  | "too_short"
  | "too_long"
  | "invalid_for_country";

export type PhoneResult =
  | { ok: true; e164: string; country: string | undefined }
  | { ok: false; reason: string; code: PhoneRefusal };

/** Longer than any formatted number a person types ("+965 (500) 01-234 ..." is about 20). */
export const MAX_PHONE_INPUT_LENGTH = 40;

/** What the E.164 form must look like: the same pattern as the database CHECK on to_e164. */
export const E164_PATTERN = /^\+[1-9][0-9]{6,14}$/;

const REASONS: Record<Exclude<PhoneRefusal, "invalid_for_country">, string> = {
  empty: "Enter a phone number.",
  control_characters: "The phone number contains control characters.",
  too_long_input: `The phone number is longer than ${MAX_PHONE_INPUT_LENGTH} characters.`,
  letters: "A phone number has digits only, not letters.",
  invalid_characters:
    "A phone number may only hold digits, spaces, dashes, dots, parentheses and a leading +.",
  unknown_country: "The country for this phone number is not known.",
  missing_country_code:
    "Start the number with + and the country code (for example +965 for Kuwait).",
  too_short: "The phone number is too short.",
  too_long: "The phone number is too long.",
};

// Arabic-Indic (U+0660-0669) and Eastern Arabic-Indic (U+06F0-06F9) digits, which Arabic keyboards
// type, read as the ASCII digits they are.
const ARABIC_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;
function asciiDigits(value: string): string {
  return value.replace(ARABIC_DIGITS, (digit) => {
    const code = digit.charCodeAt(0);
    return String(code - (code >= 0x06f0 ? 0x06f0 : 0x0660));
  });
}

function refuse(code: Exclude<PhoneRefusal, "invalid_for_country">): PhoneResult {
  return { ok: false, code, reason: REASONS[code] };
}

/**
 * Parses a phone number as typed into E.164. Without a `+` (or `00`) the number is read as a
 * national number of `defaultCountry` (an ISO 3166 code such as "KW"); without either it is refused.
 */
export function toE164(input: string, defaultCountry?: string): PhoneResult {
  if (input.length > MAX_PHONE_INPUT_LENGTH) return refuse("too_long_input");
  // U+0000-U+001F and U+007F, as every other field refuses them; the NUL byte included.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
  if (/[\u0000-\u001f\u007f]/.test(input)) return refuse("control_characters");
  const trimmed = asciiDigits(input.trim());
  if (trimmed === "") return refuse("empty");
  if (/\p{L}/u.test(trimmed)) return refuse("letters");
  // Plain spaces, no-break spaces, dashes (ASCII and Unicode), dots, slashes and parentheses are
  // how numbers are written; the + may only lead (after an opening parenthesis, as in "(+965)").
  if (!/^\(?\+?[0-9\s\u00a0\-\u2010-\u2015./()]*$/.test(trimmed))
    return refuse("invalid_characters");

  const compact = trimmed.replace(/[\s\u00a0\-\u2010-\u2015./()]/g, "");
  if (compact === "" || compact === "+") return refuse("too_short");
  // "00" is the international prefix of the Gulf states, Europe and most of the world.
  const international = compact.startsWith("+")
    ? compact
    : compact.startsWith("00")
      ? `+${compact.slice(2)}`
      : null;

  let country: CountryCode | undefined;
  if (!international) {
    if (defaultCountry === undefined) return refuse("missing_country_code");
    const upper = defaultCountry.toUpperCase();
    if (!isSupportedCountry(upper)) return refuse("unknown_country");
    country = upper;
  }
  const text = international ?? compact;

  const length = validatePhoneNumberLength(text, country);
  if (length === "TOO_SHORT") return refuse("too_short");
  if (length === "TOO_LONG") return refuse("too_long");
  if (length === "INVALID_COUNTRY")
    return refuse(international ? "unknown_country" : "missing_country_code");

  let parsed: ReturnType<typeof parsePhoneNumberWithError>;
  try {
    parsed = parsePhoneNumberWithError(text, country);
  } catch (error) {
    if (error instanceof ParseError) {
      if (error.message === "TOO_SHORT") return refuse("too_short");
      if (error.message === "TOO_LONG") return refuse("too_long");
      if (error.message === "INVALID_COUNTRY") return refuse("unknown_country");
      return refuse("invalid_characters");
    }
    throw error;
  }
  const where = parsed.country ?? `+${parsed.countryCallingCode}`;
  if (!parsed.isValid() || !E164_PATTERN.test(parsed.number)) {
    return {
      ok: false,
      code: "invalid_for_country",
      reason:
        length === "INVALID_LENGTH"
          ? `The phone number has the wrong number of digits for ${where}.`
          : `This is not a valid phone number for ${where}.`,
    };
  }
  return { ok: true, e164: parsed.number, country: parsed.country };
}
