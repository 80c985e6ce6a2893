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
