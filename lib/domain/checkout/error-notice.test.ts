import { describe, expect, it } from "vitest";
import { isNotifiableCheckoutError, noticeRecipients } from "./error-notice";

describe("isNotifiableCheckoutError", () => {
  it("tells a merchant's server about every 4xx but 401, 404 and 405, and about every 5xx", () => {
    const notified = [400, 403, 409, 413, 415, 422, 429, 500, 502, 503, 599];
    const silent = [200, 201, 202, 204, 301, 304, 401, 404, 405, 600, 399];
    for (const status of notified)
      expect(isNotifiableCheckoutError({ status, via: "api_key" }), String(status)).toBe(true);
    for (const status of silent)
      expect(isNotifiableCheckoutError({ status, via: "api_key" }), String(status)).toBe(false);
  });

  it("never tells about a person's own errors in the dashboard", () => {
    for (const status of [400, 403, 409, 422, 500, 503])
      expect(isNotifiableCheckoutError({ status, via: "session" })).toBe(false);
  });
});

describe("noticeRecipients", () => {
  const members = [
    { email: "Owner@Example.test", role: "owner", active: true },
    { email: "admin@example.test", role: "admin", active: true },
    { email: "gone@example.test", role: "admin", active: false },
    { email: "maker@example.test", role: "maker", active: true },
    { email: "viewer@example.test", role: "viewer", active: true },
  ];

  it("uses the notify-on-error list when it has anyone, lower-cased and without repeats", () => {
    expect(
      noticeRecipients(["Ops@Example.test", "ops@example.test", " dev@example.test "], members),
    ).toEqual(["ops@example.test", "dev@example.test"]);
  });

  it("falls back to the active owners and admins when the list is empty", () => {
    expect(noticeRecipients([], members)).toEqual(["owner@example.test", "admin@example.test"]);
    expect(noticeRecipients(["  "], members)).toEqual(["owner@example.test", "admin@example.test"]);
  });

  it("is empty when there is nobody to tell", () => {
    expect(noticeRecipients([], members.slice(2))).toEqual([]);
  });
});
