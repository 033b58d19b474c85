// The migrations of the management-company trust model on a database with data from before them:
// every existing customer gets its own check code, and a grant a company once took with the
// client's public numbers alone becomes a request that the client must answer.
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { applyMigrations, MIGRATIONS_DIR, readMigrations } from "../scripts/lib/migrate";
import { createThrowawayDatabase, type ThrowawayDatabase } from "./support/throwaway-database";

const FIRST_NEW = "20261204202105_management_company_trust";

let url: string;
let database: ThrowawayDatabase | undefined;
let before: string;

beforeAll(async () => {
  // A database of its own, on the same kind of server as the rest of the run.
  database = await createThrowawayDatabase(inject("databaseKind") === "postgres" ? "postgres" : "pglite", `mina_sidor_migration_${Date.now()}_${process.pid}`);
  url = database.url;
  // The migrations as they were before this change.
  before = mkdtempSync(path.join(tmpdir(), "mina-sidor-migrations-"));
  for (const m of readMigrations().filter((m) => m.name < FIRST_NEW)) cpSync(path.join(MIGRATIONS_DIR, m.name), path.join(before, m.name), { recursive: true });
  await applyMigrations(url, { dir: before });
});

afterAll(async () => {
  rmSync(before, { recursive: true, force: true });
  await database?.drop();
});

describe("migrating data from before check codes and requests", () => {
  it("gives each customer its own check code and turns grants taken with public numbers into requests", async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const customer = (n: number) =>
        client.query(
          `INSERT INTO "Customer" (id, "customerNumber", kind, market, currency, name, "nationalId", "nationalIdScheme", street, "postalCode", city, "invoiceStreet", "invoicePostalCode", "invoiceCity", "updatedAt")
           VALUES (gen_random_uuid(), $1, 'COMPANY', 'SE', 'SEK', $2, '5560360793', 'SE_ORGANISATIONSNUMMER', 'Storgatan 1', '931 30', 'Sjöbotten', 'Storgatan 1', '931 30', 'Sjöbotten', now()) RETURNING id`,
          [String(7_000_000 + n), `Kund ${n} AB`],
        );
      const ids: string[] = [];
      for (let n = 0; n < 40; n++) ids.push((await customer(n)).rows[0].id);
      const admin = (await client.query(`INSERT INTO "User" (id, email, name, "updatedAt") VALUES (gen_random_uuid(), 'admin@example.com', 'Ada', now()) RETURNING id`)).rows[0].id;
      const company = (await client.query(`INSERT INTO "ManagementCompany" (id, "organisationNumber", name) VALUES (gen_random_uuid(), '5566778899', 'Bolaget AB') RETURNING id`)).rows[0].id;
      const grant = async (customerId: string, status: string, grantedByUserId: string | null) =>
        (
          await client.query(
            `INSERT INTO "ManagementGrant" (id, "managementCompanyId", "customerId", status, "grantedByUserId", "acceptedAt") VALUES (gen_random_uuid(), $1, $2, $3::"ManagementGrantStatus", $4, CASE WHEN $3 = 'ACTIVE' THEN now() END) RETURNING id`,
            [company, customerId, status, grantedByUserId],
          )
        ).rows[0].id as string;
      const taken = await grant(ids[0]!, "ACTIVE", null);
      const invited = await grant(ids[1]!, "ACTIVE", admin);
      const pending = await grant(ids[2]!, "PENDING", admin);

      await applyMigrations(url);

      const codes = (await client.query<{ checkCode: string }>(`SELECT "checkCode" FROM "Customer"`)).rows.map((r) => r.checkCode);
      expect(codes).toHaveLength(40);
      for (const code of codes) expect(code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
      expect(new Set(codes).size).toBe(40);

      const grants = new Map(
        (await client.query<{ id: string; status: string; proof: string | null; requestedAt: Date | null; acceptedAt: Date | null }>(`SELECT id, status, proof, "requestedAt", "acceptedAt" FROM "ManagementGrant"`)).rows.map((r) => [r.id, r]),
      );
      expect(grants.get(taken)).toMatchObject({ status: "REQUESTED", proof: null, acceptedAt: null, requestedAt: expect.any(Date) });
      expect(grants.get(invited)).toMatchObject({ status: "ACTIVE", proof: "INVITATION" });
      expect(grants.get(pending)).toMatchObject({ status: "PENDING", proof: null });
    } finally {
      await client.end();
    }
  });
});
