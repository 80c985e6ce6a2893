import { describe, expect, it } from "vitest";
import {
  DEFAULT_EXPIRY_SETTINGS,
  deadlineFor,
  EXPIRY_HOURS_LIMITS,
  isOverdue,
  nextDeadline,
  parseExpirySettings,
} from "./deadlines";
import { OPERATION_REQUEST_STATES } from "./lifecycle";

const NOW = new Date("2026-03-28T23:30:00.000Z"); // the eve of the EU daylight-saving change
const HOUR = 3_600_000;
const hoursLater = (hours: number) => new Date(NOW.getTime() + hours * HOUR);

describe("parseExpirySettings", () => {
  it("defaults to 48 hours for manual action and no expiry for pending", () => {
    expect(DEFAULT_EXPIRY_SETTINGS).toEqual({ manualActionExpiryHours: 48, pendingExpiryHours: 0 });
    expect(parseExpirySettings({})).toEqual({ ok: true, settings: DEFAULT_EXPIRY_SETTINGS });
    expect(
      parseExpirySettings({ manualActionExpiryHours: null, pendingExpiryHours: undefined }),
    ).toEqual({
      ok: true,
      settings: DEFAULT_EXPIRY_SETTINGS,
    });
  });

  it("keeps what is given and defaults the rest", () => {
    expect(parseExpirySettings({ pendingExpiryHours: 24 })).toEqual({
      ok: true,
      settings: { manualActionExpiryHours: 48, pendingExpiryHours: 24 },
    });
  });

  it("accepts both ends of each range", () => {
    expect(EXPIRY_HOURS_LIMITS).toEqual({
      manualActionExpiryHours: { min: 1, max: 8760 },
      pendingExpiryHours: { min: 0, max: 8760 },
    });
    for (const manualActionExpiryHours of [1, 8760]) {
      for (const pendingExpiryHours of [0, 8760]) {
        expect(parseExpirySettings({ manualActionExpiryHours, pendingExpiryHours })).toEqual({
          ok: true,
          settings: { manualActionExpiryHours, pendingExpiryHours },
        });
      }
    }
  });

  it.each([0, -1, 8761, 1.5, Number.NaN, Number.POSITIVE_INFINITY, "48", true])(
    "refuses %s hours for manual action",
    (manualActionExpiryHours) => {
      expect(parseExpirySettings({ manualActionExpiryHours })).toEqual({
        ok: false,
        code: "validation_error",
        message: "Manual-action expiry must be a whole number of hours from 1 to 8760.",
      });
    },
  );

  it.each([-1, 8761, 0.5, Number.NaN, "0", false])(
    "refuses %s hours for pending",
    (pendingExpiryHours) => {
      expect(parseExpirySettings({ pendingExpiryHours })).toEqual({
        ok: false,
        code: "validation_error",
        message: "Pending expiry must be a whole number of hours from 0 (never) to 8760.",
      });
    },
  );
});

describe("deadlineFor", () => {
  const settings = { manualActionExpiryHours: 48, pendingExpiryHours: 24 };

  it.each(OPERATION_REQUEST_STATES)("gives %s the deadline its state carries", (state) => {
    const expected =
      state === "pending"
        ? hoursLater(24)
        : state === "manual_action_required"
          ? hoursLater(48)
          : null;
    expect(deadlineFor(state, settings, NOW)).toEqual(expected);
  });

  it("leaves pending requests without a deadline when pending expiry is 0", () => {
    expect(deadlineFor("pending", { ...settings, pendingExpiryHours: 0 }, NOW)).toBeNull();
  });

  it("counts elapsed hours, unmoved by daylight saving", () => {
    expect(deadlineFor("pending", { ...settings, pendingExpiryHours: 1 }, NOW)?.toISOString()).toBe(
      "2026-03-29T00:30:00.000Z",
    );
    expect(
      deadlineFor("manual_action_required", { ...settings, manualActionExpiryHours: 8760 }, NOW),
    ).toEqual(hoursLater(8760));
  });
});

describe("nextDeadline", () => {
  const settings = { manualActionExpiryHours: 48, pendingExpiryHours: 24 };
  const original = hoursLater(-10);

  it("keeps the deadline while the request stays where it is, even after the settings change", () => {
    const stuck = { state: "manual_action_required" as const, deadlineAt: original };
    expect(
      nextDeadline(
        stuck,
        "manual_action_required",
        { ...settings, manualActionExpiryHours: 1 },
        NOW,
      ),
    ).toBe(original);
  });

  it("gives a new deadline on entering a state that has one", () => {
    expect(
      nextDeadline(
        { state: "approved", deadlineAt: null },
        "manual_action_required",
        settings,
        NOW,
      ),
    ).toEqual(hoursLater(48));
  });

  it.each(["approved", "done", "rejected", "canceled", "expired"] as const)(
    "clears it on moving to %s",
    (next) => {
      expect(
        nextDeadline({ state: "pending", deadlineAt: original }, next, settings, NOW),
      ).toBeNull();
    },
  );
});

describe("isOverdue", () => {
  it("is due at the deadline itself and after, not before", () => {
    expect(isOverdue(new Date(NOW.getTime() - 1), NOW)).toBe(true);
    expect(isOverdue(new Date(NOW), NOW)).toBe(true);
    expect(isOverdue(new Date(NOW.getTime() + 1), NOW)).toBe(false);
  });

  it("never holds without a deadline", () => {
    expect(isOverdue(null, NOW)).toBe(false);
  });
});
