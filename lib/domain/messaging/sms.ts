/**
 * How a text travels as SMS. GSM 03.38 text (the basic set plus its escape table) goes 160
 * characters to a message, 153 to each part of a longer one; anything else (Arabic, emoji, curly
 * quotes) makes the whole text UCS-2: 70 characters, 67 per part. Providers bill per part, which is
 * why the composers keep texts short.
 */

const GSM_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
/** Characters of the extension table: each is sent as two (an escape and the character). */
const GSM_EXTENDED = "^{}\\[~]|€\f";

const BASIC = new Set(GSM_BASIC);
const EXTENDED = new Set(GSM_EXTENDED);

export type SmsEncoding = "gsm7" | "ucs2";

export type SmsShape = {
  encoding: SmsEncoding;
  /** Septets (GSM) or UTF-16 code units (UCS-2) the text takes. */
  units: number;
  /** Messages the provider sends (and bills) for it. */
  parts: number;
};

export function smsShape(text: string): SmsShape {
  let septets = 0;
  let gsm = true;
  for (const character of text) {
    if (BASIC.has(character)) septets += 1;
    else if (EXTENDED.has(character)) septets += 2;
    else {
      gsm = false;
      break;
    }
  }
  if (gsm) return { encoding: "gsm7", units: septets, parts: partsOf(septets, 160, 153) };
  // UCS-2 counts UTF-16 code units: a character outside the BMP (an emoji) takes two.
  return { encoding: "ucs2", units: text.length, parts: partsOf(text.length, 70, 67) };
}

function partsOf(units: number, single: number, perPart: number): number {
  if (units === 0) return 0;
  return units <= single ? 1 : Math.ceil(units / perPart);
}
