import { describe, expect, it } from "vitest";
import {
  checkResolvedAddresses,
  checkWebhookUrl,
  classifyAddress,
  isAllowedPort,
  isPublicAddress,
} from "./ssrf";

describe("address classes", () => {
  it.each([
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "unspecified"],
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["10.0.0.1", "private"],
    ["10.255.255.255", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["169.254.169.254", "link_local"],
    ["100.64.0.1", "shared"],
    ["100.127.255.255", "shared"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.255", "multicast"],
    ["240.0.0.1", "reserved"],
    ["255.255.255.255", "reserved"],
    ["::", "unspecified"],
    ["::1", "loopback"],
    ["0:0:0:0:0:0:0:1", "loopback"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["::ffff:10.1.2.3", "private"],
    ["::ffff:169.254.169.254", "link_local"],
    ["::127.0.0.1", "loopback"],
    ["64:ff9b::10.0.0.1", "private"],
    ["fc00::1", "private"],
    ["fd12:3456:789a::1", "private"],
    ["fe80::1", "link_local"],
    ["fe80::1%eth0", "link_local"],
    ["febf::1", "link_local"],
    ["fec0::1", "private"],
    ["ff02::1", "multicast"],
    ["not-an-ip", "invalid"],
    ["256.1.1.1", "invalid"],
    ["", "invalid"],
  ])("%s is %s", (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each([
    "1.1.1.1",
    "8.8.8.8",
    "172.15.255.255",
    "172.32.0.1",
    "192.167.1.1",
    "100.63.255.255",
    "100.128.0.0",
    "169.253.1.1",
    "11.0.0.1",
    "223.255.255.255",
    "2606:4700:4700::1111",
    "2001:db8::1",
    "::ffff:8.8.8.8",
    "fe00::1",
    "fec0::1".replace("fec0", "ff0"),
  ])("%s is public", (address) => {
    expect(classifyAddress(address)).toBe("public");
  });
});

describe("webhook URL form", () => {
  it("accepts http(s) URLs with allowed ports", () => {
    for (const url of [
      "https://example.com/hooks",
      "http://example.com",
      "https://example.com:8443/x?y=1",
      "http://127.0.0.1:3000/hook",
      "https://[2606:4700::1]/h",
    ]) {
      const check = checkWebhookUrl(url);
      expect(check.ok, url).toBe(true);
    }
    const v6 = checkWebhookUrl("https://[::1]:8443/h");
    expect(v6.ok && v6.host).toBe("::1");
  });

  it.each([
    ["ftp://example.com/", /http/],
    ["file:///etc/passwd", /http/],
    ["javascript:alert(1)", /http/],
    ["gopher://example.com", /http/],
    ["https://user:pass@example.com/", /user name/],
    ["https://user@example.com/", /user name/],
    ["https://example.com:22/", /Port 22/],
    ["https://example.com:0/", /Port 0/],
    ["https://example.com/#x", /fragment/],
    ["https://exa mple.com/", /spaces/],
    ["https://example.com/\u0000", /control/],
    ["not a url", /spaces/],
    ["example.com/hook", /valid URL/],
    [`https://example.com/${"a".repeat(2100)}`, /at most/],
  ])("refuses %s", (url, message) => {
    const check = checkWebhookUrl(url);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.message).toMatch(message);
  });

  it("allows 80, 443 and unprivileged ports only", () => {
    expect([80, 443, 1024, 8080, 65535].every(isAllowedPort)).toBe(true);
    expect([0, 1, 22, 25, 1023, 65536].some(isAllowedPort)).toBe(false);
  });

  it("requires every resolved address to be public", () => {
    expect(checkResolvedAddresses("h", ["8.8.8.8", "2606:4700::1"])).toEqual({ ok: true });
    const mixed = checkResolvedAddresses("h", ["8.8.8.8", "10.0.0.1"]);
    expect(mixed.ok).toBe(false);
    if (!mixed.ok) expect(mixed.message).toMatch(/10\.0\.0\.1, a private address/);
    expect(checkResolvedAddresses("h", []).ok).toBe(false);
  });
});
