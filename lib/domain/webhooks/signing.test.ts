import { createHmac, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  formatSecret,
  isWebhookSecret,
  secretKey,
  signatureFor,
  signedHeaders,
  TIMESTAMP_TOLERANCE_SECONDS,
  verifyWebhook,
} from "./signing";

// The test vector published with the Standard Webhooks reference libraries.
const VECTOR = {
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
};

const headersOf = (h: Record<string, string>) => ({
  id: h["webhook-id"],
  timestamp: h["webhook-timestamp"],
  signature: h["webhook-signature"],
});

describe("Standard Webhooks signing", () => {
  it("reproduces the specification's test vector", () => {
    expect(signatureFor(VECTOR.secret, VECTOR)).toBe(VECTOR.signature);
    expect(
      verifyWebhook(
        VECTOR.secret,
        { id: VECTOR.id, timestamp: String(VECTOR.timestamp), signature: VECTOR.signature },
        VECTOR.body,
        VECTOR.timestamp,
      ),
    ).toEqual({ ok: true });
  });

  it("keys the HMAC with the base64-decoded secret, as node:crypto computes it independently", () => {
    const secret = formatSecret(randomBytes(32));
    const message = { id: "msg_x", timestamp: 1_700_000_000, body: '{"a":"é"}' };
    const key = Buffer.from(secret.slice("whsec_".length), "base64");
    const mac = createHmac("sha256", key).update('msg_x.1700000000.{"a":"é"}').digest("base64");
    expect(signatureFor(secret, message)).toBe(`v1,${mac}`);
  });

  it("makes secrets of whsec_ and 24 to 64 random bytes, and refuses anything else", () => {
    expect(formatSecret(new Uint8Array(24))).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(isWebhookSecret(formatSecret(randomBytes(32)))).toBe(true);
    expect(() => formatSecret(new Uint8Array(23))).toThrow();
    expect(() => formatSecret(new Uint8Array(65))).toThrow();
    for (const bad of [
      "",
      "whsec_",
      "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
      "whsec_short",
      "whsec_!!!!MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
      `whsec_${Buffer.alloc(10).toString("base64")}`,
    ]) {
      expect(secretKey(bad), bad).toBeNull();
      expect(() => signatureFor(bad, VECTOR)).toThrow();
    }
  });

  it("signs with every valid secret while rotating, and either secret verifies", () => {
    const [oldSecret, newSecret] = [formatSecret(randomBytes(32)), formatSecret(randomBytes(32))];
    const message = { id: "msg_rotate", timestamp: 1_800_000_000, body: "{}" };
    const headers = signedHeaders([newSecret, oldSecret], message);
    expect(headers["webhook-signature"].split(" ")).toHaveLength(2);
    expect(headers["webhook-id"]).toBe("msg_rotate");
    expect(headers["webhook-timestamp"]).toBe("1800000000");
    for (const secret of [oldSecret, newSecret])
      expect(verifyWebhook(secret, headersOf(headers), "{}", message.timestamp)).toEqual({
        ok: true,
      });
    const stranger = formatSecret(randomBytes(32));
    expect(verifyWebhook(stranger, headersOf(headers), "{}", message.timestamp)).toEqual({
      ok: false,
      reason: "no_match",
    });
    expect(() => signedHeaders([], message)).toThrow();
  });

  it("refuses a changed body, id or timestamp, a wrong version and missing headers", () => {
    const secret = formatSecret(randomBytes(24));
    const message = { id: "msg_a", timestamp: 1_800_000_000, body: '{"n":1}' };
    const h = headersOf(signedHeaders([secret], message));
    const now = message.timestamp;
    expect(verifyWebhook(secret, h, '{"n":2}', now).ok).toBe(false);
    expect(verifyWebhook(secret, { ...h, id: "msg_b" }, message.body, now).ok).toBe(false);
    expect(
      verifyWebhook(secret, { ...h, timestamp: String(now + 1) }, message.body, now + 1).ok,
    ).toBe(false);
    expect(
      verifyWebhook(
        secret,
        { ...h, signature: h.signature.replace("v1,", "v2,") },
        message.body,
        now,
      ).ok,
    ).toBe(false);
    expect(verifyWebhook(secret, { ...h, signature: "v1," }, message.body, now).ok).toBe(false);
    expect(verifyWebhook(secret, { ...h, signature: "garbage" }, message.body, now).ok).toBe(false);
    for (const missing of ["id", "timestamp", "signature"] as const)
      expect(verifyWebhook(secret, { ...h, [missing]: null }, message.body, now)).toEqual({
        ok: false,
        reason: "missing_headers",
      });
    expect(verifyWebhook(secret, { ...h, timestamp: "12e3" }, message.body, now)).toEqual({
      ok: false,
      reason: "bad_timestamp",
    });
    // A valid signature among invalid ones still verifies.
    expect(
      verifyWebhook(secret, { ...h, signature: `v1,bm9wZQ== ${h.signature}` }, message.body, now),
    ).toEqual({ ok: true });
  });

  it("accepts timestamps within 5 minutes either way, and refuses beyond", () => {
    const secret = formatSecret(randomBytes(24));
    const t = 1_800_000_000;
    const h = headersOf(signedHeaders([secret], { id: "msg_t", timestamp: t, body: "" }));
    const tol = TIMESTAMP_TOLERANCE_SECONDS;
    expect(tol).toBe(300);
    expect(verifyWebhook(secret, h, "", t + tol).ok).toBe(true);
    expect(verifyWebhook(secret, h, "", t - tol).ok).toBe(true);
    expect(verifyWebhook(secret, h, "", t + tol + 1)).toEqual({
      ok: false,
      reason: "timestamp_out_of_tolerance",
    });
    expect(verifyWebhook(secret, h, "", t - tol - 1).ok).toBe(false);
  });
});
