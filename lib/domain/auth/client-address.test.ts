import { describe, expect, it } from "vitest";
import { clientAddress, normalizeAddress, UNKNOWN_ADDRESS } from "./client-address";

describe("clientAddress", () => {
  it("is the socket's peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    for (const forwardedFor of [null, "", "1.1.1.1", "1.1.1.1, 2.2.2.2", "garbage", "10.0.0.9"]) {
      expect(clientAddress({ peer: "203.0.113.7", forwardedFor, trustedProxies: 0 })).toBe(
        "203.0.113.7",
      );
    }
  });

  it("with one trusted proxy, is the address that proxy appended (the rightmost entry)", () => {
    expect(
      clientAddress({ peer: "10.0.0.2", forwardedFor: "198.51.100.4", trustedProxies: 1 }),
    ).toBe("198.51.100.4");
    // Whatever the client put in front is ignored.
    expect(
      clientAddress({
        peer: "10.0.0.2",
        forwardedFor: "1.1.1.1, 6.6.6.6, 198.51.100.4",
        trustedProxies: 1,
      }),
    ).toBe("198.51.100.4");
  });

  it("with two trusted proxies, counts two hops back from the peer", () => {
    expect(
      clientAddress({
        peer: "10.0.0.2",
        forwardedFor: "1.1.1.1, 198.51.100.4, 10.0.0.1",
        trustedProxies: 2,
      }),
    ).toBe("198.51.100.4");
  });

  it("with fewer hops than trusted proxies, takes the furthest one known", () => {
    expect(clientAddress({ peer: "10.0.0.2", forwardedFor: null, trustedProxies: 2 })).toBe(
      "10.0.0.2",
    );
    expect(
      clientAddress({ peer: "10.0.0.2", forwardedFor: "198.51.100.4", trustedProxies: 3 }),
    ).toBe("198.51.100.4");
  });

  it("skips a hop that is not an address and moves inward", () => {
    expect(
      clientAddress({ peer: "10.0.0.2", forwardedFor: "unknown, 10.0.0.1", trustedProxies: 2 }),
    ).toBe("10.0.0.1");
    expect(clientAddress({ peer: "10.0.0.2", forwardedFor: "nope", trustedProxies: 1 })).toBe(
      "10.0.0.2",
    );
  });

  it("normalizes the peer, and is 'unknown' without one", () => {
    expect(clientAddress({ peer: "::ffff:127.0.0.1", forwardedFor: null, trustedProxies: 0 })).toBe(
      "127.0.0.1",
    );
    expect(clientAddress({ peer: null, forwardedFor: "1.1.1.1", trustedProxies: 1 })).toBe(
      UNKNOWN_ADDRESS,
    );
    expect(clientAddress({ peer: "bogus", forwardedFor: null, trustedProxies: 0 })).toBe(
      UNKNOWN_ADDRESS,
    );
  });
});

describe("normalizeAddress", () => {
  it.each([
    ["1.2.3.4", "1.2.3.4"],
    [" 1.2.3.4 ", "1.2.3.4"],
    ["1.2.3.4:5678", "1.2.3.4"],
    ["::ffff:1.2.3.4", "1.2.3.4"],
    ["::1", "::1"],
    ["2001:DB8::1", "2001:db8::1"],
    ["[2001:db8::1]:443", "2001:db8::1"],
    ["2001:db8:0:0:0:0:0:1", "2001:db8:0:0:0:0:0:1"],
    ["::ffff:10.0.0.1", "10.0.0.1"],
    ["64:ff9b::192.0.2.33", "64:ff9b::192.0.2.33"],
  ])("reads %j as %j", (value, expected) => {
    expect(normalizeAddress(value)).toBe(expected);
  });

  it.each([
    "",
    "unknown",
    "1.2.3",
    "1.2.3.256",
    "1.2.3.4.5",
    "a.b.c.d",
    "2001:db8::1::2",
    "2001:db8:0:0:0:0:0:0:1",
    "gggg::1",
    "evil.example",
    "1.2.3.4\u0000",
    "1.2.3.4, 5.6.7.8",
  ])("refuses %j", (value) => {
    expect(normalizeAddress(value)).toBeNull();
  });
});
