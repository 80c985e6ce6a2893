import { describe, expect, it } from "vitest";
import { formatRelativeTime } from "./relative-time";

const NOW = new Date("2026-12-01T12:00:00.000Z");
const at = (ms: number) => new Date(NOW.getTime() + ms).toISOString();

describe("formatRelativeTime", () => {
  it("says just now within 45 seconds either way", () => {
    expect(formatRelativeTime(at(0), NOW)).toBe("just now");
    expect(formatRelativeTime(at(-44_000), NOW)).toBe("just now");
    expect(formatRelativeTime(at(44_000), NOW)).toBe("just now");
  });

  it("uses minutes under an hour, never zero minutes", () => {
    expect(formatRelativeTime(at(50_000), NOW)).toBe("in 1m");
    expect(formatRelativeTime(at(-20 * 60_000), NOW)).toBe("20m ago");
  });

  it("uses hours up to 48, so a 48-hour deadline reads as such", () => {
    expect(formatRelativeTime(at(3 * 3_600_000), NOW)).toBe("in 3h");
    expect(formatRelativeTime(at(48 * 3_600_000 - 5), NOW, "long")).toBe("in 48 hours");
    expect(formatRelativeTime(at(-5 * 3_600_000), NOW, "long")).toBe("5 hours ago");
  });

  it("uses days beyond two days", () => {
    expect(formatRelativeTime(at(-50 * 3_600_000), NOW)).toBe("2d ago");
    expect(formatRelativeTime(at(10 * 86_400_000), NOW, "long")).toBe("in 10 days");
  });
});
