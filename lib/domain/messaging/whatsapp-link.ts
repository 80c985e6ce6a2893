import { E164_PATTERN } from "@/lib/domain/phones/phone";

/**
 * A click-to-chat link (`https://wa.me/<number>?text=...`): opens WhatsApp on the sender's phone
 * with the text filled in, addressed to the number. wa.me wants the number in international form
 * with digits only (no +, no leading zeros, no separators), which is E.164 less its +.
 */
export function whatsappLink(e164: string, text: string): string {
  if (!E164_PATTERN.test(e164))
    throw new Error(`whatsappLink: ${JSON.stringify(e164)} is not an E.164 phone number.`);
  const base = `https://wa.me/${e164.slice(1)}`;
  return text === "" ? base : `${base}?text=${encodeURIComponent(text)}`;
}
