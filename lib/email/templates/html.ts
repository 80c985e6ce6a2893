/**
 * Escaping for the emails' HTML. Every interpolated value reaches the HTML through `html`...``, which
 * escapes it, so a customer or merchant name can never inject markup into an email.
 */

/** Markup that is already safe: only `html`...`` and `raw()` make one. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = SafeHtml | string | number | null | undefined | readonly HtmlValue[];

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => ENTITIES[character]);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join("");
  return escapeHtml(String(value));
}

/** A template literal whose interpolations are escaped unless they are SafeHtml themselves. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  return new SafeHtml(
    strings.reduce(
      (out, part, index) => out + part + (index < values.length ? render(values[index]) : ""),
      "",
    ),
  );
}

/** Subjects are one line: a stray newline in a value must not break the header. */
export function oneLine(value: string): string {
  return value.replace(/\s+/g, " ").trim();
}
