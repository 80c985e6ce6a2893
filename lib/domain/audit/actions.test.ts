import { describe, expect, it } from "vitest";
import {
  AUDIT_ACTION_LABELS,
  AUDIT_ACTIONS,
  auditActionLabel,
  describeActor,
  isAuditAction,
} from "./actions";

describe("audit vocabulary", () => {
  it("names every action resource.verb, once, with a label", () => {
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length);
    for (const action of AUDIT_ACTIONS) {
      expect(action).toMatch(/^[a-z_]+\.[a-z_]+$/);
      expect(AUDIT_ACTION_LABELS[action]).toMatch(/^[A-Z]/);
    }
    expect(Object.keys(AUDIT_ACTION_LABELS).sort()).toEqual([...AUDIT_ACTIONS].sort());
  });

  it("labels known actions and shows an unknown stored one as it is", () => {
    expect(auditActionLabel("operation_request.approved")).toBe("Request approved");
    expect(isAuditAction("operation_request.teleported")).toBe(false);
    expect(auditActionLabel("operation_request.teleported")).toBe("operation_request.teleported");
  });
});

describe("describeActor", () => {
  it("shows the system, a person, and a person through an API key", () => {
    expect(describeActor({ type: "system" })).toBe("System");
    expect(describeActor({ type: "session", name: "Mia", email: "mia@demo.test" })).toBe(
      "Mia <mia@demo.test>",
    );
    expect(describeActor({ type: "api_key", name: "Mia", email: "mia@demo.test" })).toBe(
      "Mia <mia@demo.test>, with an API key",
    );
    expect(describeActor({ type: "session", name: "Mia" })).toBe("Mia");
    expect(describeActor({ type: "session", name: null, email: null })).toBe("A former member");
  });
});
