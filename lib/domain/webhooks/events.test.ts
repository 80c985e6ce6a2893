import { describe, expect, it } from "vitest";
import { OPERATION_REQUEST_STATES } from "@/lib/domain/operation-requests/states";
import {
  endpointWantsEvent,
  isWebhookEventType,
  WEBHOOK_EVENT_ID,
  WEBHOOK_EVENT_TYPES,
  webhookEventId,
  webhookPayload,
} from "./events";

describe("webhook events", () => {
  it("names the payment, refund, void and operation-request events once each", () => {
    expect(new Set(WEBHOOK_EVENT_TYPES).size).toBe(WEBHOOK_EVENT_TYPES.length);
    for (const type of WEBHOOK_EVENT_TYPES) expect(type).toMatch(/^[a-z_]+\.[a-z_]+$/);
    expect(isWebhookEventType("payment.paid")).toBe(true);
    expect(isWebhookEventType("payment.unknown")).toBe(false);
    expect(isWebhookEventType(42)).toBe(false);
  });

  it("has an operation_request event for every state a request can move into", () => {
    for (const state of OPERATION_REQUEST_STATES) {
      const type =
        state === "pending" ? "operation_request.submitted" : `operation_request.${state}`;
      expect(isWebhookEventType(type), state).toBe(true);
    }
  });

  it("sends everything to an endpoint with no types, else only its types", () => {
    expect(endpointWantsEvent([], "payment.paid")).toBe(true);
    expect(endpointWantsEvent(["payment.paid"], "payment.paid")).toBe(true);
    expect(endpointWantsEvent(["payment.paid"], "payment.failed")).toBe(false);
  });

  it("makes msg_ ids from random bytes and the recommended payload shape", () => {
    const id = webhookEventId(new Uint8Array(24).map((_, i) => i * 11));
    expect(id).toMatch(WEBHOOK_EVENT_ID);
    expect(() => webhookEventId(new Uint8Array(10))).toThrow();
    const at = new Date("2026-12-03T10:00:00.000Z");
    expect(webhookPayload("payment.paid", { a: 1 }, at)).toEqual({
      type: "payment.paid",
      timestamp: "2026-12-03T10:00:00.000Z",
      data: { a: 1 },
    });
  });
});
