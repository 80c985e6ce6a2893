import { describe, expect, it } from "vitest";
import { isDayInBounds, isInstantInBounds, MAX_DAY, MIN_DAY } from "./date-bounds";

describe("date bounds", () => {
  it("accepts the first and last day and refuses the days outside", () => {
    expect([MIN_DAY, MAX_DAY, "2026-03-01"].map(isDayInBounds)).toEqual([true, true, true]);
    expect(["1969-12-31", "9999-12-31", "0000-01-01"].map(isDayInBounds)).toEqual([
      false,
      false,
      false,
    ]);
  });

  it("refuses instants JavaScript or PostgreSQL cannot both represent", () => {
    for (const text of [
      "0000-01-01T00:00:00.000Z",
      "-271821-04-20T00:00:00.000Z",
      "+275760-09-13T00:00:00.000Z",
      "9999-12-31T00:00:00.000Z",
      "1969-12-31T23:59:59.999Z",
    ]) {
      expect([text, isInstantInBounds(new Date(text))]).toEqual([text, false]);
    }
    expect(isInstantInBounds(new Date("not a date"))).toBe(false);
    expect(isInstantInBounds(new Date("9999-12-30T23:59:59.999Z"))).toBe(true);
    expect(isInstantInBounds(new Date("1970-01-01T00:00:00.000Z"))).toBe(true);
  });
});
