import { describe, expect, it } from "vitest";
import {
  CODE_CHECK_MESSAGES,
  checkOneTimeCode,
  ONE_TIME_CODE_MAX_ATTEMPTS,
  ONE_TIME_CODE_PATTERN,
  ONE_TIME_CODE_TTL_MS,
  type OneTimeCodeState,
} from "./one-time-codes";

const ISSUED = new Date("2026-12-02T12:00:00.000Z");
const EXPIRES = new Date(ISSUED.getTime() + ONE_TIME_CODE_TTL_MS);
const fresh: OneTimeCodeState = { expiresAt: EXPIRES, attempts: 0, confirmedAt: null };
const justBefore = new Date(EXPIRES.getTime() - 1);

describe("checkOneTimeCode", () => {
  it("accepts the right code in time", () => {
    expect(checkOneTimeCode(fresh, true, ISSUED)).toEqual({ ok: true });
    expect(checkOneTimeCode(fresh, true, justBefore)).toEqual({ ok: true });
  });

  it("refuses a wrong code", () => {
    expect(checkOneTimeCode(fresh, false, ISSUED)).toEqual({ ok: false, reason: "wrong_code" });
  });

  it("is expired from exactly expiresAt on, right code or not", () => {
    expect(checkOneTimeCode(fresh, true, EXPIRES)).toEqual({ ok: false, reason: "expired" });
    expect(checkOneTimeCode(fresh, false, EXPIRES)).toEqual({ ok: false, reason: "expired" });
    expect(checkOneTimeCode(fresh, true, new Date(EXPIRES.getTime() + 1))).toEqual({
      ok: false,
      reason: "expired",
    });
  });

  it("allows the 5th try and refuses every try after 5, even with the right code", () => {
    expect(checkOneTimeCode({ ...fresh, attempts: 4 }, true, ISSUED)).toEqual({ ok: true });
    expect(checkOneTimeCode({ ...fresh, attempts: 4 }, false, ISSUED)).toEqual({
      ok: false,
      reason: "wrong_code",
    });
    expect(checkOneTimeCode({ ...fresh, attempts: 5 }, true, ISSUED)).toEqual({
      ok: false,
      reason: "exhausted",
    });
    expect(checkOneTimeCode({ ...fresh, attempts: 6 }, true, ISSUED)).toEqual({
      ok: false,
      reason: "exhausted",
    });
  });

  it("refuses a confirmed code before anything else", () => {
    const confirmed = { ...fresh, confirmedAt: ISSUED };
    expect(checkOneTimeCode(confirmed, true, ISSUED)).toEqual({
      ok: false,
      reason: "already_confirmed",
    });
    expect(checkOneTimeCode({ ...confirmed, attempts: 5 }, true, EXPIRES)).toEqual({
      ok: false,
      reason: "already_confirmed",
    });
  });

  it("says exhausted rather than expired when both hold", () => {
    expect(checkOneTimeCode({ ...fresh, attempts: 5 }, false, EXPIRES)).toEqual({
      ok: false,
      reason: "exhausted",
    });
  });

  it("lasts 10 minutes and 5 tries (the migration's CHECK allows attempts 0..5)", () => {
    expect(ONE_TIME_CODE_TTL_MS).toBe(600_000);
    expect(ONE_TIME_CODE_MAX_ATTEMPTS).toBe(5);
  });

  it("takes exactly six digits", () => {
    expect(ONE_TIME_CODE_PATTERN.test("012345")).toBe(true);
    for (const code of ["12345", "1234567", "12345a", " 123456", "123456\n", "１２３４５６"]) {
      expect(ONE_TIME_CODE_PATTERN.test(code)).toBe(false);
    }
  });

  it("has a message for every refusal", () => {
    expect(Object.keys(CODE_CHECK_MESSAGES).sort()).toEqual([
      "already_confirmed",
      "exhausted",
      "expired",
      "wrong_code",
    ]);
  });
});
