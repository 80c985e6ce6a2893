import { describe, expect, it } from "vitest";
import { parseConfig } from "./config";

describe("parseConfig", () => {
  it("gives the documented defaults for an empty environment", () => {
    expect(parseConfig({})).toEqual({
      nodeEnv: undefined,
      port: 3000,
      databaseUrl: undefined,
      databasePoolSize: 10,
      jobsPoolSize: 4,
      nextAuthSecret: undefined,
      appUrl: "http://localhost:3000",
      sandboxMode: false,
      sandboxGatewayUrl: "http://127.0.0.1:3000",
      gatewayTimeoutMs: 3000,
      resendApiKey: undefined,
      emailFrom: undefined,
      sms: undefined,
      whatsapp: undefined,
      workersEnabled: true,
      logLevel: "info",
      trustedProxies: 0,
      webhookAllowPrivateAddresses: true,
    });
  });

  it("derives URLs from PORT and drops trailing slashes", () => {
    const config = parseConfig({ PORT: "4100", NEXTAUTH_URL: "https://pay.example/" });
    expect(config.appUrl).toBe("https://pay.example");
    expect(config.sandboxGatewayUrl).toBe("http://127.0.0.1:4100");
  });

  it("reads TRUSTED_PROXIES as a count of hops, 0 when unset or blank", () => {
    expect(parseConfig({ TRUSTED_PROXIES: "2" }).trustedProxies).toBe(2);
    expect(parseConfig({ TRUSTED_PROXIES: " 10 " }).trustedProxies).toBe(10);
    expect(parseConfig({ TRUSTED_PROXIES: "" }).trustedProxies).toBe(0);
  });

  it("treats blank values as unset", () => {
    const config = parseConfig({ RESEND_API_KEY: "  ", EMAIL_FROM: "" });
    expect(config.resendApiKey).toBeUndefined();
    expect(config.emailFrom).toBeUndefined();
  });

  it("reads switches by their documented words only", () => {
    expect(parseConfig({ SANDBOX_MODE: "true" }).sandboxMode).toBe(true);
    expect(parseConfig({ SANDBOX_MODE: "1" }).sandboxMode).toBe(false);
    expect(parseConfig({ COUNTERSIGN_WORKERS: "off" }).workersEnabled).toBe(false);
    expect(parseConfig({ NODE_ENV: "test" }).logLevel).toBe("silent");
  });

  it("reads the SMS provider and the WhatsApp Cloud API, without trailing slashes", () => {
    const config = parseConfig({
      SMS_PROVIDER_URL: "https://sms.example/send/",
      SMS_PROVIDER_TOKEN: " secret ",
      WHATSAPP_API_URL: "https://graph.example/v21.0/",
      WHATSAPP_API_TOKEN: "EAAG",
      WHATSAPP_PHONE_NUMBER_ID: "106540352242922",
    });
    expect(config.sms).toEqual({ url: "https://sms.example/send", token: "secret" });
    expect(config.whatsapp).toEqual({
      url: "https://graph.example/v21.0",
      token: "EAAG",
      phoneNumberId: "106540352242922",
    });
    expect(parseConfig({ SMS_PROVIDER_URL: "http://127.0.0.1:9000" }).sms).toEqual({
      url: "http://127.0.0.1:9000",
      token: undefined,
    });
  });

  it("wants the three WhatsApp settings together", () => {
    expect(() => parseConfig({ WHATSAPP_API_URL: "https://graph.example/v21.0" })).toThrow(
      /^Invalid settings: WHATSAPP_API_URL, WHATSAPP_API_TOKEN and WHATSAPP_PHONE_NUMBER_ID go together/,
    );
    expect(() => parseConfig({ WHATSAPP_API_TOKEN: "x", WHATSAPP_PHONE_NUMBER_ID: "1" })).toThrow(
      /go together/,
    );
  });

  it("allows private webhook addresses except in a real production deployment", () => {
    const allow = (env: Record<string, string>) => parseConfig(env).webhookAllowPrivateAddresses;
    expect(allow({})).toBe(true);
    expect(allow({ NODE_ENV: "test" })).toBe(true);
    expect(allow({ NODE_ENV: "production" })).toBe(false);
    expect(allow({ NODE_ENV: "production", SANDBOX_MODE: "true" })).toBe(true);
    expect(allow({ NODE_ENV: "production", WEBHOOK_ALLOW_PRIVATE_ADDRESSES: "true" })).toBe(true);
    expect(allow({ WEBHOOK_ALLOW_PRIVATE_ADDRESSES: "false" })).toBe(false);
  });

  it.each([
    ["SMS_PROVIDER_URL", "sms.example/send"],
    ["SMS_PROVIDER_URL", "ftp://sms.example"],
    ["WHATSAPP_API_URL", "javascript:alert(1)"],
    ["WHATSAPP_PHONE_NUMBER_ID", "+965 5000"],
    ["WEBHOOK_ALLOW_PRIVATE_ADDRESSES", "yes"],
    ["JOBS_POOL_SIZE", "four"],
    ["DATABASE_POOL_SIZE", "0"],
    ["GATEWAY_TIMEOUT_MS", "-5"],
    ["PORT", "3000.5"],
    ["TRUSTED_PROXIES", "-1"],
    ["TRUSTED_PROXIES", "11"],
    ["TRUSTED_PROXIES", "10.0.0.0/8"],
  ])("names the bad variable %s=%s", (key, value) => {
    expect(() => parseConfig({ [key]: value })).toThrow(new RegExp(`^Invalid settings: ${key} `));
  });
});
