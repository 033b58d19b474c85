/**
 * Third-party meter-data consent: the lifecycle of a request and of the consent it becomes
 * (DOMAIN.md section 4, issue 6). Pure: no I/O, no clock; the caller passes the instant `at`.
 *
 *   RECEIVED ──validate──▶ VALIDATED ──present──▶ AWAITING_CUSTOMER ──approve──▶ ACTIVE
 *      │  └─needsReview─▶ NEEDS_REVIEW ─validate/reject (staff)─┘        ├─decline─▶ DECLINED
 *      └─reject─▶ REJECTED_MALFORMED                                     └─expire──▶ EXPIRED
 *   ACTIVE ──terminate{by:"customer"}──▶ TERMINATED_BY_CUSTOMER
 *          ──terminate{by:"thirdParty"}─▶ TERMINATED_BY_THIRD_PARTY
 *          ──expire (at ≥ validTo)──────▶ EXPIRED
 *
 * Choices:
 * - There is no APPROVED state: approval makes the consent ACTIVE at once. The transition record
 *   (`event: "approve"`) is what tells that the customer approved it.
 * - EXPIRED is one terminal state for both an unanswered request and a consent past its validity;
 *   the two are told apart by `validTo` (set only on approval).
 * - NEEDS_REVIEW is the staff queue: rules (system) send a request there, only staff decide it.
 * - Checks run in this order: the transition exists (ILLEGAL_TRANSITION), the actor may fire it
 *   (FORBIDDEN_ACTOR), then time and validity (ILLEGAL_TRANSITION / INVALID_VALIDITY).
 * - Instants are compared at whole-second precision: a consent is active only while `at` is in a
 *   second strictly before the second of `validTo`.
 */

export const consentStates = [
  "RECEIVED",
  "NEEDS_REVIEW",
  "VALIDATED",
  "REJECTED_MALFORMED",
  "AWAITING_CUSTOMER",
  "DECLINED",
  "ACTIVE",
  "TERMINATED_BY_CUSTOMER",
  "TERMINATED_BY_THIRD_PARTY",
  "EXPIRED",
] as const;
export type ConsentState = (typeof consentStates)[number];

export const terminalStates: readonly ConsentState[] = [
  "REJECTED_MALFORMED",
  "DECLINED",
  "TERMINATED_BY_CUSTOMER",
  "TERMINATED_BY_THIRD_PARTY",
  "EXPIRED",
];

export type ConsentEvent =
  | { type: "validate" }
  | { type: "needsReview"; reason: string }
  | { type: "reject"; reason: string }
  | { type: "present" }
  | { type: "approve"; /** ISO instant; may only shorten the requested validity. */ validTo?: string }
  | { type: "decline" }
  | { type: "terminate"; by: "customer" | "thirdParty" }
  | { type: "expire" };
export type ConsentEventType = ConsentEvent["type"];
export const consentEventTypes: readonly ConsentEventType[] = [
  "validate",
  "needsReview",
  "reject",
  "present",
  "approve",
  "decline",
  "terminate",
  "expire",
];

export const actorKinds = ["system", "staff", "customer", "thirdParty"] as const;
export type ActorKind = (typeof actorKinds)[number];
export type Actor = { kind: ActorKind };

/** Longest validity a consent may have, counted from the approval instant. */
export const MAX_VALIDITY_YEARS = 3;

type Edge = { to: ConsentState | ((event: ConsentEvent) => ConsentState); actors: readonly ActorKind[] };

const transitions: Record<ConsentState, Partial<Record<ConsentEventType, Edge>>> = {
  RECEIVED: {
    validate: { to: "VALIDATED", actors: ["system", "staff"] },
    needsReview: { to: "NEEDS_REVIEW", actors: ["system"] },
    reject: { to: "REJECTED_MALFORMED", actors: ["system", "staff"] },
  },
  NEEDS_REVIEW: {
    validate: { to: "VALIDATED", actors: ["staff"] },
    reject: { to: "REJECTED_MALFORMED", actors: ["staff"] },
  },
  VALIDATED: {
    present: { to: "AWAITING_CUSTOMER", actors: ["system", "staff"] },
  },
  AWAITING_CUSTOMER: {
    approve: { to: "ACTIVE", actors: ["customer"] },
    decline: { to: "DECLINED", actors: ["customer"] },
    expire: { to: "EXPIRED", actors: ["system"] },
  },
  ACTIVE: {
    terminate: {
      to: (event) =>
        event.type === "terminate" && event.by === "thirdParty" ? "TERMINATED_BY_THIRD_PARTY" : "TERMINATED_BY_CUSTOMER",
      actors: ["customer", "thirdParty"],
    },
    expire: { to: "EXPIRED", actors: ["system"] },
  },
  REJECTED_MALFORMED: {},
  DECLINED: {},
  TERMINATED_BY_CUSTOMER: {},
  TERMINATED_BY_THIRD_PARTY: {},
  EXPIRED: {},
};

export type ConsentSnapshot = {
  state: ConsentState;
  /** ISO instant the third party asked the consent to last until. */
  requestedValidTo: string;
  /** ISO instant the consent ends; set when the customer approves. */
  validTo?: string | null;
};

type TransitionRecord = {
  from: ConsentState;
  to: ConsentState;
  event: ConsentEventType;
  actorKind: ActorKind;
  at: string;
};

type TransitionErrorCode = "ILLEGAL_TRANSITION" | "FORBIDDEN_ACTOR" | "INVALID_VALIDITY";

export type TransitionResult<T extends ConsentSnapshot = ConsentSnapshot> =
  | { ok: true; next: T; record: TransitionRecord }
  | { ok: false; code: TransitionErrorCode; message: string };

const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Milliseconds since the epoch for an ISO instant with a zone designator, or null. */
function parseInstant(value: string | null | undefined): number | null {
  if (typeof value !== "string" || !isoInstant.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

const second = (ms: number) => Math.floor(ms / 1000);

function addYears(ms: number, years: number): number {
  const date = new Date(ms);
  date.setUTCFullYear(date.getUTCFullYear() + years);
  return date.getTime();
}

function fail(code: TransitionErrorCode, message: string): { ok: false; code: TransitionErrorCode; message: string } {
  return { ok: false, code, message };
}

/** True only when the consent is ACTIVE and `at` falls in a second before the second of `validTo`. */
export function isActiveAt(consent: { state: ConsentState; validTo?: string | null }, at: string): boolean {
  if (consent.state !== "ACTIVE") return false;
  const end = parseInstant(consent.validTo);
  const now = parseInstant(at);
  if (end === null || now === null) return false;
  return second(now) < second(end);
}

/** Events the given kind of actor may fire from a state (ignores time; for offering buttons). */
export function allowedEvents(state: ConsentState, actorKind: ActorKind): ConsentEventType[] {
  const edges = transitions[state];
  return consentEventTypes.filter((type) => edges[type]?.actors.includes(actorKind) ?? false);
}

export function transition<T extends ConsentSnapshot>(
  current: T,
  event: ConsentEvent,
  actor: Actor,
  at: string,
): TransitionResult<T> {
  const edge = transitions[current.state]?.[event.type];
  if (!edge) {
    return fail("ILLEGAL_TRANSITION", `"${event.type}" is not possible from ${current.state}.`);
  }
  if (!edge.actors.includes(actor.kind)) {
    return fail("FORBIDDEN_ACTOR", `A ${actor.kind} may not "${event.type}" a consent in ${current.state}.`);
  }
  if (event.type === "terminate" && event.by !== actor.kind) {
    return fail("FORBIDDEN_ACTOR", `A ${actor.kind} may not terminate on behalf of the ${event.by}.`);
  }

  const now = parseInstant(at);
  if (now === null) return fail("INVALID_VALIDITY", `"${at}" is not an ISO instant with a time zone.`);

  let next: T = { ...current };

  if (current.state === "ACTIVE") {
    const active = isActiveAt(current, at);
    if (event.type === "terminate" && !active) {
      return fail("ILLEGAL_TRANSITION", "The consent is no longer active at that instant; it can only expire.");
    }
    if (event.type === "expire" && active) {
      return fail("ILLEGAL_TRANSITION", "The consent is still within its validity at that instant.");
    }
  }

  if (event.type === "approve") {
    const requested = parseInstant(current.requestedValidTo);
    if (requested === null) return fail("INVALID_VALIDITY", "The requested validity is not an ISO instant.");
    const chosenText = event.validTo ?? current.requestedValidTo;
    const chosen = parseInstant(chosenText);
    if (chosen === null) return fail("INVALID_VALIDITY", `"${event.validTo}" is not an ISO instant with a time zone.`);
    if (chosen > requested) return fail("INVALID_VALIDITY", "The validity may be shortened but not lengthened.");
    if (chosen > addYears(now, MAX_VALIDITY_YEARS)) {
      return fail("INVALID_VALIDITY", `A consent may last at most ${MAX_VALIDITY_YEARS} years.`);
    }
    if (second(chosen) <= second(now)) return fail("INVALID_VALIDITY", "The validity must end after the approval.");
    next = { ...next, validTo: chosenText };
  }

  const to = typeof edge.to === "function" ? edge.to(event) : edge.to;
  next = { ...next, state: to };
  return { ok: true, next, record: { from: current.state, to, event: event.type, actorKind: actor.kind, at } };
}
