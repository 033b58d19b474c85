import { describe, expect, it } from "vitest";
import {
  actorKinds,
  allowedEvents,
  consentEventTypes,
  consentStates,
  isActiveAt,
  terminalStates,
  transition,
  type ActorKind,
  type ConsentEvent,
  type ConsentEventType,
  type ConsentState,
} from "./state-machine";

const AT = "2025-03-01T12:00:00Z";
const REQUESTED = "2027-03-01T12:00:00Z";
const LATER = "2026-01-01T00:00:00Z";

const sample: Record<ConsentEventType, ConsentEvent> = {
  validate: { type: "validate" },
  needsReview: { type: "needsReview", reason: "name does not match" },
  reject: { type: "reject", reason: "unknown metering point" },
  present: { type: "present" },
  approve: { type: "approve" },
  decline: { type: "decline" },
  terminate: { type: "terminate", by: "customer" },
  expire: { type: "expire" },
};

/** Legal (state, event) pairs and where they lead; every pair not listed must be refused. */
const legal: Partial<Record<ConsentState, Partial<Record<ConsentEventType, ConsentState>>>> = {
  RECEIVED: { validate: "VALIDATED", needsReview: "NEEDS_REVIEW", reject: "REJECTED_MALFORMED" },
  NEEDS_REVIEW: { validate: "VALIDATED", reject: "REJECTED_MALFORMED" },
  VALIDATED: { present: "AWAITING_CUSTOMER" },
  AWAITING_CUSTOMER: { approve: "ACTIVE", decline: "DECLINED", expire: "EXPIRED" },
  ACTIVE: { terminate: "TERMINATED_BY_CUSTOMER", expire: "EXPIRED" },
};

/** Who may fire each legal pair. */
const actorsOf: Partial<Record<ConsentState, Partial<Record<ConsentEventType, ActorKind[]>>>> = {
  RECEIVED: { validate: ["system", "staff"], needsReview: ["system"], reject: ["system", "staff"] },
  NEEDS_REVIEW: { validate: ["staff"], reject: ["staff"] },
  VALIDATED: { present: ["system", "staff"] },
  AWAITING_CUSTOMER: { approve: ["customer"], decline: ["customer"], expire: ["system"] },
  ACTIVE: { terminate: ["customer", "thirdParty"], expire: ["system"] },
};

/** The sample event, with a terminating actor terminating as itself. */
function eventFor(type: ConsentEventType, kind: ActorKind): ConsentEvent {
  return type === "terminate" ? { type, by: kind === "thirdParty" ? "thirdParty" : "customer" } : sample[type];
}

function snapshot(state: ConsentState) {
  return { state, requestedValidTo: REQUESTED, validTo: state === "ACTIVE" ? LATER : null };
}

/** An instant at which a time-guarded event makes sense (expiry of an ACTIVE consent needs validTo passed). */
function instantFor(state: ConsentState, type: ConsentEventType) {
  return state === "ACTIVE" && type === "expire" ? LATER : AT;
}

describe("every (state, event) pair", () => {
  for (const state of consentStates) {
    for (const type of consentEventTypes) {
      const to = legal[state]?.[type];
      it(`${state} + ${type} ${to ? `→ ${to}` : "is refused"}`, () => {
        const actors = to ? actorsOf[state]![type]! : [...actorKinds];
        for (const kind of actors) {
          const result = transition(snapshot(state), eventFor(type, kind), { kind }, instantFor(state, type));
          if (to) {
            const target = type === "terminate" && kind === "thirdParty" ? "TERMINATED_BY_THIRD_PARTY" : to;
            expect(result).toMatchObject({ ok: true, next: { state: target }, record: { from: state, to: target, event: type, actorKind: kind } });
          } else {
            expect(result).toMatchObject({ ok: false, code: "ILLEGAL_TRANSITION" });
          }
        }
      });
    }
  }
});

describe("actors", () => {
  for (const state of consentStates) {
    for (const type of consentEventTypes) {
      const allowed = actorsOf[state]?.[type];
      if (!allowed) continue;
      for (const kind of actorKinds.filter((k) => !allowed.includes(k))) {
        it(`a ${kind} may not ${type} from ${state}`, () => {
          const event = eventFor(type, kind);
          expect(transition(snapshot(state), event, { kind }, instantFor(state, type))).toMatchObject({ ok: false, code: "FORBIDDEN_ACTOR" });
        });
      }
    }
  }

  it("the third party terminates as itself", () => {
    const result = transition(snapshot("ACTIVE"), { type: "terminate", by: "thirdParty" }, { kind: "thirdParty" }, AT);
    expect(result).toMatchObject({ ok: true, next: { state: "TERMINATED_BY_THIRD_PARTY" }, record: { actorKind: "thirdParty", at: AT } });
  });

  it("nobody terminates on behalf of the other side", () => {
    expect(transition(snapshot("ACTIVE"), { type: "terminate", by: "thirdParty" }, { kind: "customer" }, AT)).toMatchObject({ ok: false, code: "FORBIDDEN_ACTOR" });
    expect(transition(snapshot("ACTIVE"), { type: "terminate", by: "customer" }, { kind: "thirdParty" }, AT)).toMatchObject({ ok: false, code: "FORBIDDEN_ACTOR" });
  });

  it("an illegal transition is reported as such even for the wrong actor", () => {
    expect(transition(snapshot("RECEIVED"), { type: "approve" }, { kind: "thirdParty" }, AT)).toMatchObject({ ok: false, code: "ILLEGAL_TRANSITION" });
  });

  it("allowedEvents lists what each actor may do", () => {
    expect(allowedEvents("RECEIVED", "system")).toEqual(["validate", "needsReview", "reject"]);
    expect(allowedEvents("RECEIVED", "staff")).toEqual(["validate", "reject"]);
    expect(allowedEvents("NEEDS_REVIEW", "system")).toEqual([]);
    expect(allowedEvents("NEEDS_REVIEW", "staff")).toEqual(["validate", "reject"]);
    expect(allowedEvents("AWAITING_CUSTOMER", "customer")).toEqual(["approve", "decline"]);
    expect(allowedEvents("AWAITING_CUSTOMER", "thirdParty")).toEqual([]);
    expect(allowedEvents("ACTIVE", "customer")).toEqual(["terminate"]);
    expect(allowedEvents("ACTIVE", "thirdParty")).toEqual(["terminate"]);
    expect(allowedEvents("ACTIVE", "system")).toEqual(["expire"]);
  });
});

describe("validity on approval", () => {
  const awaiting = { state: "AWAITING_CUSTOMER" as const, requestedValidTo: REQUESTED, validTo: null };
  const approve = (validTo?: string, at = AT, requestedValidTo = REQUESTED) =>
    transition({ ...awaiting, requestedValidTo }, { type: "approve", validTo }, { kind: "customer" }, at);

  it("keeps the requested validity when none is chosen", () => {
    expect(approve()).toMatchObject({ ok: true, next: { state: "ACTIVE", validTo: REQUESTED, requestedValidTo: REQUESTED } });
  });

  it("may shorten it", () => {
    expect(approve(LATER)).toMatchObject({ ok: true, next: { validTo: LATER } });
  });

  it("may keep it exactly", () => {
    expect(approve(REQUESTED)).toMatchObject({ ok: true, next: { validTo: REQUESTED } });
  });

  it("may not lengthen it, not even by a second", () => {
    expect(approve("2027-03-01T12:00:01Z")).toMatchObject({ ok: false, code: "INVALID_VALIDITY" });
  });

  it("never beyond three years from the approval", () => {
    const far = "2028-06-01T00:00:00Z";
    expect(approve(undefined, AT, far)).toMatchObject({ ok: false, code: "INVALID_VALIDITY" });
    expect(approve("2028-03-01T12:00:00Z", AT, far)).toMatchObject({ ok: true });
    expect(approve("2028-03-01T12:00:01Z", AT, far)).toMatchObject({ ok: false, code: "INVALID_VALIDITY" });
  });

  it("must end after the approval and be a real instant", () => {
    expect(approve(AT)).toMatchObject({ ok: false, code: "INVALID_VALIDITY" });
    expect(approve("2025-01-01T00:00:00Z")).toMatchObject({ ok: false, code: "INVALID_VALIDITY" });
    expect(approve("2026-01-01")).toMatchObject({ ok: false, code: "INVALID_VALIDITY" });
    expect(approve("soon")).toMatchObject({ ok: false, code: "INVALID_VALIDITY" });
    expect(approve(undefined, "not a time")).toMatchObject({ ok: false, code: "INVALID_VALIDITY" });
  });

  it("does not change the input snapshot", () => {
    const input = { ...awaiting };
    transition(input, { type: "approve", validTo: LATER }, { kind: "customer" }, AT);
    expect(input).toEqual(awaiting);
  });
});

describe("isActiveAt and the end of validity", () => {
  const active = { state: "ACTIVE" as const, requestedValidTo: REQUESTED, validTo: LATER };

  it("is active the second before validTo and not in its second", () => {
    expect(isActiveAt(active, "2025-12-31T23:59:59Z")).toBe(true);
    expect(isActiveAt(active, "2025-12-31T23:59:59.999Z")).toBe(true);
    expect(isActiveAt(active, "2026-01-01T00:00:00Z")).toBe(false);
    expect(isActiveAt(active, "2026-01-01T00:00:00.400Z")).toBe(false);
    expect(isActiveAt(active, "2026-01-01T01:00:00+01:00")).toBe(false);
    expect(isActiveAt(active, "2026-01-01T00:00:01Z")).toBe(false);
  });

  it("is not active outside ACTIVE or without a validity", () => {
    for (const state of consentStates.filter((s) => s !== "ACTIVE")) {
      expect(isActiveAt({ state, validTo: LATER }, AT)).toBe(false);
    }
    expect(isActiveAt({ state: "ACTIVE", validTo: null }, AT)).toBe(false);
  });

  it("expires only once validity has passed, and cannot be terminated after", () => {
    expect(transition(active, { type: "expire" }, { kind: "system" }, "2025-12-31T23:59:59Z")).toMatchObject({ ok: false, code: "ILLEGAL_TRANSITION" });
    expect(transition(active, { type: "expire" }, { kind: "system" }, LATER)).toMatchObject({ ok: true, next: { state: "EXPIRED" } });
    expect(transition(active, { type: "terminate", by: "customer" }, { kind: "customer" }, LATER)).toMatchObject({ ok: false, code: "ILLEGAL_TRANSITION" });
    expect(transition(active, { type: "terminate", by: "customer" }, { kind: "customer" }, "2025-12-31T23:59:59Z")).toMatchObject({ ok: true });
  });
});

describe("terminal states", () => {
  it("are exactly the states with no way out", () => {
    const deadEnds = consentStates.filter((s) => actorKinds.every((k) => allowedEvents(s, k).length === 0));
    expect(deadEnds.sort()).toEqual([...terminalStates].sort());
  });

  for (const state of terminalStates) {
    it(`${state} refuses every event from every actor`, () => {
      for (const type of consentEventTypes) {
        for (const kind of actorKinds) {
          const event = eventFor(type, kind);
          expect(transition({ state, requestedValidTo: REQUESTED, validTo: LATER }, event, { kind }, AT)).toMatchObject({ ok: false, code: "ILLEGAL_TRANSITION" });
        }
      }
    });
  }
});
