// Behörighet's and Förvaltning's Swedish and English texts (messages/*/access.json): a wording for
// every grant status, proof and access-log action the management-company trust model produces.
// (The same keys and placeholders in every language: tests/message-parity.test.ts.)
import { describe, expect, it } from "vitest";
import en from "../messages/en/access.json";
import sv from "../messages/sv/access.json";
import { lookup, placeholders, type Tree } from "./support/messages";

describe("messages/*/access.json", () => {
  it("words every status, proof, log action and mail of management companies", () => {
    for (const messages of [sv, en] as Tree[]) {
      for (const status of ["PENDING", "REQUESTED", "ACTIVE", "DECLINED", "REVOKED"]) expect(typeof lookup(messages, `companies.statusLabel.${status}`), status).toBe("string");
      for (const proof of ["INVITATION", "ACCEPTED_REQUEST", "SIGNATORY", "CHECK_CODE", "NONE"]) {
        expect(typeof lookup(messages, `companies.proof.${proof}`), proof).toBe("string");
        expect(typeof lookup(messages, `management.proof.${proof}`), proof).toBe("string");
      }
      for (const state of ["REQUESTED", "DECLINED"]) expect(typeof lookup(messages, `management.requestState.${state}`)).toBe("string");
      for (const action of ["managementClientRequested", "managementRequestAccepted", "managementRequestDeclined", "managementRequestSigned", "managementClientRegistered"]) {
        expect(typeof lookup(messages, `log.actions.access.${action}`), action).toBe("string");
      }
      for (const key of ["mail.MANAGEMENT_REQUEST.subject", "mail.MANAGEMENT_REQUEST.body", "signatory.text", "requests.startNotice", "errors.clientDeclined", "errors.clientAlreadyRequested", "errors.requestAnswered", "errors.invitationOutdated"]) {
        expect(typeof lookup(messages, key), key).toBe("string");
      }
    }
  });

  it("names the request's company, person and customer in the administrators' mail", () => {
    for (const messages of [sv, en] as Tree[]) {
      expect(placeholders(lookup(messages, "mail.MANAGEMENT_REQUEST.body") as string)).toEqual(["company", "customer", "customerNumber", "link", "organisationNumber", "requester", "requesterEmail"]);
    }
  });
});
