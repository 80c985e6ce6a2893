import { describe, expect, it } from "vitest";
import { createLogger, REDACTED, scrubText } from "./log";

/** A logger writing into an array, and every line it wrote as text and as JSON. */
function capture() {
  const lines: string[] = [];
  const logger = createLogger({ write: (line: string) => void lines.push(line) }, "trace");
  return { logger, text: () => lines.join(""), json: () => lines.map((line) => JSON.parse(line)) };
}

const PAN = "4000000000003220";
const CVC = "737";
const AMEX_CVC = "7391";

/** No trace of the number (in any grouping) or of a code. */
function expectNoCardData(text: string) {
  expect(text).not.toContain(PAN);
  expect(text).not.toContain("4000 0000 0000 3220");
  expect(text).not.toContain("4000-0000-0000-3220");
  expect(text).not.toContain("378282246310005");
  expect(text).not.toMatch(new RegExp(`\\b${CVC}\\b`));
  expect(text).not.toMatch(new RegExp(`\\b${AMEX_CVC}\\b`));
}

describe("log redaction", () => {
  it("replaces card fields at any depth, in objects and arrays", () => {
    const { logger, text, json } = capture();
    logger.info(
      {
        body: { number: PAN, expMonth: 4, expYear: 2030, cvc: CVC, holder: "Ada" },
        deep: { a: { b: { c: { d: { cardNumber: PAN, securityCode: AMEX_CVC } } } } },
        list: [{ pan: PAN }, { cvv: CVC }, { card_number: PAN, CVV2: CVC, security_code: CVC }],
      },
      "tokenize request",
    );
    expectNoCardData(text());
    const [line] = json();
    expect(line.body).toEqual({
      number: REDACTED,
      expMonth: 4,
      expYear: 2030,
      cvc: REDACTED,
      holder: "Ada",
    });
    expect(line.deep.a.b.c.d).toEqual({ cardNumber: REDACTED, securityCode: REDACTED });
    expect(line.list[2]).toEqual({
      card_number: REDACTED,
      CVV2: REDACTED,
      security_code: REDACTED,
    });
  });

  it("scrubs a card number inside any string: values, messages, bindings", () => {
    const { logger, text } = capture();
    logger.info({ note: `customer typed ${PAN} in the wrong field` }, "first");
    logger.warn(`charging 4000 0000 0000 3220 with cvc: ${CVC}`);
    logger.child({ context: `card 4000-0000-0000-3220` }).info("child");
    logger.info({ amex: "3782 822463 10005", text: `CVV=${AMEX_CVC}` }, "amex");
    expectNoCardData(text());
  });

  it("scrubs errors: message, stack, own properties and causes", () => {
    const { logger, text, json } = capture();
    const cause = Object.assign(new Error(`issuer refused ${PAN}`), { cvc: CVC });
    const error = Object.assign(new TypeError(`cannot charge ${PAN}`, { cause }), {
      request: { body: { number: PAN, cvc: CVC } },
    });
    logger.error({ err: error }, "unexpected error");
    logger.error(error);
    logger.error({ failure: new Error(`security code ${AMEX_CVC} rejected`) }, "other key");
    expectNoCardData(text());
    const [first] = json();
    expect(first.err.type).toBe("TypeError");
    expect(first.err.message).toBe(`cannot charge ${REDACTED}`);
    expect(first.err.stack).toContain("TypeError");
    expect(first.err.request.body).toEqual({ number: REDACTED, cvc: REDACTED });
    expect(first.err.cause.cvc).toBe(REDACTED);
  });

  it("keeps what is not card data: ids, amounts, times, short numbers", () => {
    const { logger, json } = capture();
    const id = "3f2b8c1e-9d4a-4b6f-8e2a-1c5d7f9b0a12";
    logger.info(
      { id, amount: "10.000", status: 200, ms: 12, last4: "3220", orderNo: "ORD-123456789012" },
      "request",
    );
    const [line] = json();
    expect(line).toMatchObject({ id, amount: "10.000", status: 200, ms: 12, last4: "3220" });
    expect(line.orderNo).toBe("ORD-123456789012");
    expect(typeof line.time).toBe("string");
    expect(line.msg).toBe("request");
  });

  it("survives cycles and very deep objects", () => {
    const { logger, text } = capture();
    const cyclic: Record<string, unknown> = { pan: PAN };
    cyclic.self = cyclic;
    let deep: Record<string, unknown> = { number: PAN };
    for (let index = 0; index < 20; index++) deep = { next: deep, note: `n ${PAN}` };
    logger.info({ cyclic, deep }, "odd shapes");
    expectNoCardData(text());
  });

  it.each([
    ["4242424242424242", REDACTED],
    ["x4242424242424242y", `x${REDACTED}y`],
    ["4242 4242 4242 4242", REDACTED],
    ["1234567890123", REDACTED],
    ["123456789012", "123456789012"],
    ["12345678901234567890", "12345678901234567890"],
    ["2026-12-02T13:00:00.000Z", "2026-12-02T13:00:00.000Z"],
    ["cvc 123", `cvc ${REDACTED}`],
    ["order 123", "order 123"],
  ])("scrubText(%j)", (input, output) => expect(scrubText(input)).toBe(output));
});
