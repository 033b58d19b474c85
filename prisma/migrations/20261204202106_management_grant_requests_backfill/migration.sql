-- A management company that registered a client itself with the client's public numbers got an
-- ACTIVE grant without the client's consent (issue 10, item 1). Such grants become requests that
-- the client's administrators accept or decline; a client without administrators is registered
-- again by the company with the check code from its invoices. Managers' memberships through them
-- stay, but count only once the grant is ACTIVE again (src/server/auth/load-actor.ts).
-- (A separate migration: a value added to an enum cannot be used in the transaction that adds it.)
UPDATE "ManagementGrant"
SET "status" = 'REQUESTED', "requestedAt" = COALESCE("acceptedAt", "createdAt"), "acceptedAt" = NULL
WHERE "status" = 'ACTIVE' AND "grantedByUserId" IS NULL;

-- Every other grant that was accepted came from the customer's own invitation.
UPDATE "ManagementGrant" SET "proof" = 'INVITATION'
WHERE "grantedByUserId" IS NOT NULL AND "proof" IS NULL AND "status" IN ('ACTIVE', 'REVOKED');
