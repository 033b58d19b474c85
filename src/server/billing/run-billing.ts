import "server-only";
/**
 * A billing run: one cycle (MONTHLY or QUARTERLY_ACONTO) and one period, over every contract of
 * that cycle active in the period (or the given ones). Each contract is rated from its
 * installation's meter values and its price lists (src/domain/billing/rate.ts) and gets an invoice,
 * or a credit note and a new invoice when the data behind an issued invoice changed. Decision
 * record: docs/decisions/008-billing-runs.md.
 *
 * Idempotent and resumable
 * - Every invoice has a billing key "<contract id>:<period start>:v<n>" (unique in the database);
 *   a contract whose period is already invoiced is UNCHANGED and nothing is rated or issued.
 * - A run is a BillingRun row with one BillingRunItem per contract (unique per run and contract),
 *   written in the same transaction as the contract's invoices. A call for a cycle and period whose
 *   latest run did not finish (RUNNING after a crash, or FAILED) resumes that run: contracts with
 *   an item are done (FAILED ones are tried again). Otherwise the call starts a new run, in which
 *   already invoiced contracts are UNCHANGED. Either way nothing is issued twice.
 * - Writes lock the chunk's contract rows and re-check the invoices inside the transaction, so two
 *   runs at once cannot both bill a period; invoice numbers are taken under an advisory lock.
 *
 * Corrections (`corrections: true`)
 * Invoices with newer meter values or price lists (find-correction-candidates.ts) are rated again;
 * if the rating hash differs, a CREDIT_NOTE credits the current version line by line (negated) and
 * a new INVOICE v(n+1) bills the period with the new data, both with `correctsInvoiceId` = the
 * current version, which becomes CREDITED. Issued invoices are otherwise never changed. Payments
 * made on earlier versions count towards the new one (the explanation says what remains to pay).
 * `corrections: "all"` rates every invoiced contract of the period again (after a spot re-import).
 * On a Danish quarterly bill only the settlement is rated again; the deduction of the prepaid
 * aconto and the next aconto are carried over unchanged (they were estimates, and the following
 * bill already deducts that aconto).
 *
 * Batching (10 000 installations a month in well under a minute on PostgreSQL)
 * Contracts go in chunks of 500: one query each for the chunk's existing invoices, meter series
 * and meter days (values as text, parsed once), price lists and spot prices once per run; rating
 * in memory; then one transaction per chunk with bulk INSERT … SELECT FROM unnest(…) for invoices,
 * lines and run items. Failure isolation: a contract that cannot be rated (missing price, meter
 * value or spot price) becomes a FAILED item with the rating's plain reason while the chunk goes
 * on; if the chunk's transaction fails in the database, it is rolled back and written again one
 * contract per transaction, so only the offending contract fails.
 */
import { createHash, randomUUID } from "node:crypto";
import {
  buildQuarterlyAcontoBill,
  checkBillingPeriod,
  constantPriceSeries,
  dueDateFor,
  evenConsumption,
  expectedYearlyConsumption,
  acontoKWhForQuarter,
  invoiceDateFor,
  nextInvoiceEstimate,
  nextPeriod,
  PAYMENT_TERM_DAYS,
  previousPeriod,
  billLineOf,
  type BillingCycle,
  type BillingPeriod,
  type PrepaidAcontoLine,
} from "@/domain/billing/billing-period";
import { highestDailyMeanPower, type BillingPower } from "@/domain/billing/billing-power";
import { DEMO_VAT_RATES } from "@/fixtures/demo-price-lists";
import {
  creditLines,
  totalsOf,
  vatSummaryOf,
  type AcontoFacts,
  type BillingExplanation,
  type BillLine,
  type BillTotals,
  type CorrectionReason,
  type ExplainedLine,
  type LineText,
  type SpotFacts,
} from "@/domain/billing/invoice-explanation";
import { nextInvoiceNumbers, parseInvoiceNumber, invoiceNumberBounds, paymentReferenceFor, PAYMENT_REFERENCE_SCHEME } from "@/domain/billing/invoice-number";
import { formatMilli } from "@/domain/billing/money";
import type { Currency, Market, VatRate } from "@/domain/billing/price-list";
import { RatingError, rateConsumption, type RatingResult } from "@/domain/billing/rate";
import { addYears, localDate, type Resolution } from "@/domain/time/zoned";
import { db as defaultDb } from "@/server/db/client";
import type { Db } from "@/server/db/create-client";
import { periodLayout, readSeriesForPeriod, type PeriodSeries, type RawQueryable } from "@/server/metering/read-series";
import { findCorrectionCandidates, type CorrectionCandidate } from "./find-correction-candidates";
import { loadPriceLists, priceListsFor, PriceListLookupError, type LoadedPriceList } from "./load-price-lists";
import { loadAreaSpotPrices, plainMeanPrice, spotSeriesFor, type AreaSpotPrices } from "./load-spot-prices";

export type RunBillingOptions = {
  /** Another database than the app's (scripts, tests, benchmarks). */
  db?: Db;
  cycle: BillingCycle;
  /** First local date of the period (a calendar month or quarter). */
  periodStart: string;
  /** Exclusive end (first day of the next month or quarter). */
  periodEnd: string;
  /** Invoice date for every document of this call; default: the rule in billing-period.ts. */
  invoiceDate?: string;
  /** The run's date (Europe/Stockholm calendar): no invoice is dated before it. Default: today. */
  today?: string;
  /** Only these contracts (they must still be of the cycle and active in the period). */
  contractIds?: readonly string[];
  /** Rate invoiced periods again where meter values or prices changed (true), or all of them ("all"). */
  corrections?: boolean | "all";
  /** Contracts per chunk (reads, rating, one transaction). Default 500. */
  chunkSize?: number;
  /** VAT rates with validity; default: the statutory rates in demo-price-lists.ts. */
  vatRates?: readonly VatRate[];
  /** Called after each chunk is committed (progress; a throw here stops the run like a crash). */
  onChunkCommitted?: (progress: { chunk: number; chunks: number; done: number; total: number }) => void | Promise<void>;
};

export type RunItemStatus = "ISSUED" | "CORRECTED" | "UNCHANGED" | "SKIPPED" | "FAILED";

export type RunBillingSummary = {
  runId: string;
  resumed: boolean;
  cycle: BillingCycle;
  periodStart: string;
  periodEnd: string;
  /** Contracts handled by this call. */
  contracts: number;
  /** Items of the whole run (a resumed run includes earlier calls) by status. */
  items: Record<RunItemStatus, number>;
  /** Documents issued by this call. */
  invoicesIssued: number;
  creditNotesIssued: number;
  /** Sums of the documents issued by this call, per currency. */
  totals: { currency: Currency; netMinor: number; vatMinor: number; totalMinor: number }[];
  /** FAILED and SKIPPED items of the run with their reasons (at most 100). */
  problems: { contractId: string; contractNumber: string; status: "FAILED" | "SKIPPED"; reason: string }[];
  seconds: number;
  timings: { readMs: number; rateMs: number; writeMs: number };
};

type Tx = RawQueryable & Pick<Db, "$executeRawUnsafe">;

type ContractRow = {
  id: string;
  contractNumber: string;
  productName: string;
  pricing: string;
  startDate: string;
  endDate: string | null;
  expectedYearlyKwh: number | null;
  priceProducts: string[];
  customerId: string;
  installationId: string;
  meteringPointId: string;
  priceArea: string;
  timeZone: string;
  resolution: Resolution;
  market: Market;
  currency: Currency;
};

type ExistingInvoice = {
  id: string;
  invoiceNumber: string;
  contractId: string;
  version: number;
  status: "ISSUED" | "PAID" | "CREDITED";
  totalAmountMinor: number;
  ratingHash: string | null;
};

type StoredLine = {
  invoiceId: string;
  position: number;
  code: string;
  description: string;
  quantity: string;
  unit: string;
  unitPriceMinor: string;
  amountMinor: number;
  vatRate: string;
  vatAmountMinor: number;
};

type StoredInvoice = { lines: StoredLine[]; explanation: Partial<BillingExplanation> };

/** A bill ready to store, before invoice numbers and payment references are known. */
type PreparedBill = {
  span: BillingPeriod;
  lines: BillLine[];
  totals: BillTotals;
  ratingHash: string;
  kWh: string;
  intervals: number;
  lists: LoadedPriceList[];
  spot: SpotFacts | null;
  billingPower: BillingPower | null;
  aconto: AcontoFacts | null;
};

type Outcome =
  | { kind: "SKIPPED" | "FAILED" | "UNCHANGED"; contract: ContractRow; reason: string; /** UNCHANGED after rating again: the invoice confirmed. */ confirmed?: string }
  | { kind: "ISSUE"; contract: ContractRow; version: number; previous: ExistingInvoice | null; bill: PreparedBill }
  | { kind: "CORRECT"; contract: ContractRow; version: number; original: ExistingInvoice; chain: ExistingInvoice[]; stored: StoredInvoice; bill: PreparedBill; reasons: CorrectionReason[] };

type RunContext = {
  db: Db;
  runId: string;
  cycle: BillingCycle;
  period: BillingPeriod;
  today: string;
  invoiceDate: string | undefined;
  corrections: false | true | "all";
  candidates: Map<string, CorrectionCandidate>;
  priceLists: LoadedPriceList[];
  vatRates: readonly VatRate[];
  vatKey: string;
  spot: Map<string, Promise<AreaSpotPrices>>;
  timings: { readMs: number; rateMs: number; writeMs: number };
  issued: { invoices: number; creditNotes: number; totals: Map<Currency, { net: number; vat: number; total: number }> };
};

const DEFAULT_CHUNK_SIZE = 500;
const TRANSACTION_TIMEOUT_MS = 10 * 60_000;
/** Advisory lock key serializing the allocation of invoice numbers ("MSIN"). */
const INVOICE_NUMBER_LOCK = 0x4d53494e;
const DAY_MS = 86_400_000;
const now = () => performance.now();

export async function runBilling(options: RunBillingOptions): Promise<RunBillingSummary> {
  const started = now();
  const db = options.db ?? defaultDb;
  const period = checkBillingPeriod(options.cycle, options.periodStart, options.periodEnd);
  const today = options.today ?? localDate(new Date(), "Europe/Stockholm");
  const vatRates = options.vatRates ?? DEMO_VAT_RATES;

  const { runId, resumed } = await startOrResumeRun(db, options.cycle, period);
  const ctx: RunContext = {
    db,
    runId,
    cycle: options.cycle,
    period,
    today,
    invoiceDate: options.invoiceDate,
    corrections: options.corrections ?? false,
    candidates: new Map(),
    priceLists: [],
    vatRates,
    vatKey: JSON.stringify(vatRates),
    spot: new Map(),
    timings: { readMs: 0, rateMs: 0, writeMs: 0 },
    issued: { invoices: 0, creditNotes: 0, totals: new Map() },
  };

  let handled = 0;
  try {
    const t0 = now();
    const contracts = await loadContracts(db, runId, options.cycle, period, options.contractIds);
    ctx.priceLists = await loadPriceLists(db);
    if (ctx.corrections === true) {
      const found = await findCorrectionCandidates({ db, cycle: options.cycle, periodStart: period.from, contractIds: options.contractIds });
      for (const c of found) ctx.candidates.set(c.invoiceId, c);
    }
    ctx.timings.readMs += now() - t0;

    const size = Math.max(1, options.chunkSize ?? DEFAULT_CHUNK_SIZE);
    const chunks = Math.ceil(contracts.length / size);
    for (let c = 0; c < chunks; c++) {
      const chunk = contracts.slice(c * size, (c + 1) * size);
      const outcomes = await prepareChunk(ctx, chunk);
      const t1 = now();
      await writeChunk(ctx, outcomes);
      ctx.timings.writeMs += now() - t1;
      handled += chunk.length;
      await options.onChunkCommitted?.({ chunk: c + 1, chunks, done: handled, total: contracts.length });
    }
  } catch (error) {
    await db.billingRun
      .update({ where: { id: runId }, data: { status: "FAILED", summary: { error: (error as Error).message, handled } } })
      .catch(() => {});
    throw error;
  }

  const { items, problems } = await runItems(db, runId);
  const summary: RunBillingSummary = {
    runId,
    resumed,
    cycle: options.cycle,
    periodStart: period.from,
    periodEnd: period.to,
    contracts: handled,
    items,
    invoicesIssued: ctx.issued.invoices,
    creditNotesIssued: ctx.issued.creditNotes,
    totals: [...ctx.issued.totals].map(([currency, t]) => ({ currency, netMinor: t.net, vatMinor: t.vat, totalMinor: t.total })),
    problems,
    seconds: Math.round(now() - started) / 1000,
    timings: { readMs: Math.round(ctx.timings.readMs), rateMs: Math.round(ctx.timings.rateMs), writeMs: Math.round(ctx.timings.writeMs) },
  };
  await db.billingRun.update({
    where: { id: runId },
    data: {
      status: "COMPLETED",
      finishedAt: new Date(),
      summary: { ...summary, problems: summary.problems.slice(0, 20) },
    },
  });
  return summary;
}

// ---------------------------------------------------------------------------------------------
// The run and its contracts

const dbDate = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

async function startOrResumeRun(db: Db, cycle: BillingCycle, period: BillingPeriod): Promise<{ runId: string; resumed: boolean }> {
  const unfinished = await db.billingRun.findFirst({
    where: { cycle, periodStart: dbDate(period.from), periodEnd: dbDate(period.to), status: { in: ["RUNNING", "FAILED"] } },
    orderBy: { startedAt: "desc" },
    select: { id: true, status: true },
  });
  if (unfinished) {
    if (unfinished.status !== "RUNNING") await db.billingRun.update({ where: { id: unfinished.id }, data: { status: "RUNNING" } });
    return { runId: unfinished.id, resumed: true };
  }
  const run = await db.billingRun.create({ data: { cycle, periodStart: dbDate(period.from), periodEnd: dbDate(period.to), status: "RUNNING" } });
  return { runId: run.id, resumed: false };
}

/** Contracts of the cycle active in the period without a finished item in this run, by id. */
async function loadContracts(db: Db, runId: string, cycle: BillingCycle, period: BillingPeriod, contractIds?: readonly string[]): Promise<ContractRow[]> {
  const params: unknown[] = [cycle, period.from, period.to, runId];
  let filter = "";
  if (contractIds) {
    params.push(contractIds);
    filter = `AND c."id" = ANY($5::uuid[])`;
  }
  return db.$queryRawUnsafe<ContractRow[]>(
    `SELECT c."id"::text AS id, c."contractNumber", c."productName", c."pricing"::text AS pricing,
            to_char(c."startDate", 'YYYY-MM-DD') AS "startDate", to_char(c."endDate", 'YYYY-MM-DD') AS "endDate",
            c."expectedYearlyKwh", c."priceProducts", c."customerId"::text AS "customerId",
            i."id"::text AS "installationId", i."meteringPointId", i."priceArea", i."timeZone", i."resolution"::text AS resolution,
            cu."market"::text AS market, cu."currency"::text AS currency
     FROM "Contract" c
     JOIN "Installation" i ON i."id" = c."installationId"
     JOIN "Customer" cu ON cu."id" = c."customerId"
     WHERE c."billingCycle" = $1::"BillingCycle" AND c."startDate" < $3::date AND (c."endDate" IS NULL OR c."endDate" >= $2::date)
       ${filter}
       AND NOT EXISTS (SELECT 1 FROM "BillingRunItem" it WHERE it."runId" = $4::uuid AND it."contractId" = c."id" AND it."status" <> 'FAILED')
     ORDER BY c."id"`,
    ...params,
  );
}

/** The part of the period the contract covers (its end date is its last day). */
function spanOf(contract: ContractRow, period: BillingPeriod): BillingPeriod {
  const from = contract.startDate > period.from ? contract.startDate : period.from;
  const endExclusive = contract.endDate === null ? null : new Date(Date.parse(`${contract.endDate}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
  const to = endExclusive !== null && endExclusive < period.to ? endExclusive : period.to;
  return { from, to };
}

async function runItems(db: Db, runId: string) {
  const counts = await db.$queryRawUnsafe<{ status: RunItemStatus; n: number }[]>(
    `SELECT "status"::text AS status, count(*)::int AS n FROM "BillingRunItem" WHERE "runId" = $1::uuid GROUP BY 1`,
    runId,
  );
  const items: Record<RunItemStatus, number> = { ISSUED: 0, CORRECTED: 0, UNCHANGED: 0, SKIPPED: 0, FAILED: 0 };
  for (const c of counts) items[c.status] = c.n;
  const problems = await db.$queryRawUnsafe<{ contractId: string; contractNumber: string; status: "FAILED" | "SKIPPED"; reason: string }[]>(
    `SELECT it."contractId"::text AS "contractId", c."contractNumber", it."status"::text AS status, coalesce(it."reason", '') AS reason
     FROM "BillingRunItem" it JOIN "Contract" c ON c."id" = it."contractId"
     WHERE it."runId" = $1::uuid AND it."status" IN ('FAILED', 'SKIPPED')
     ORDER BY c."contractNumber" LIMIT 100`,
    runId,
  );
  return { items, problems };
}

// ---------------------------------------------------------------------------------------------
// Reading a chunk

const BILLING_KEY = /^([0-9a-f-]{36}):(\d{4}-\d{2}-\d{2}):v(\d+)$/;

export function billingKeyOf(contractId: string, periodStart: string, version: number): string {
  return `${contractId}:${periodStart}:v${version}`;
}

/** Every INVOICE version of the contracts' period (by billing key), oldest version first. */
async function loadInvoicesOf(q: RawQueryable, contracts: readonly ContractRow[], period: BillingPeriod): Promise<Map<string, ExistingInvoice[]>> {
  const out = new Map<string, ExistingInvoice[]>();
  if (contracts.length === 0) return out;
  const rows = await q.$queryRawUnsafe<(ExistingInvoice & { billingKey: string })[]>(
    `SELECT "id"::text AS id, "invoiceNumber", "contractId"::text AS "contractId", "billingKey", "status"::text AS status,
            "totalAmountMinor", "ratingHash"
     FROM "Invoice"
     WHERE "installationId" = ANY($1::uuid[]) AND "contractId" = ANY($2::uuid[]) AND "kind" = 'INVOICE'
       AND "periodStart" >= $3::date AND "periodStart" < $4::date AND "billingKey" IS NOT NULL`,
    [...new Set(contracts.map((c) => c.installationId))],
    contracts.map((c) => c.id),
    period.from,
    period.to,
  );
  for (const row of rows) {
    const key = BILLING_KEY.exec(row.billingKey);
    if (!key || key[1] !== row.contractId || key[2] !== period.from) continue;
    const list = out.get(row.contractId) ?? [];
    list.push({ id: row.id, invoiceNumber: row.invoiceNumber, contractId: row.contractId, version: Number(key[3]), status: row.status, totalAmountMinor: row.totalAmountMinor, ratingHash: row.ratingHash });
    out.set(row.contractId, list);
  }
  for (const list of out.values()) list.sort((a, b) => a.version - b.version);
  return out;
}

/** The current (not credited) version, or null. */
function currentOf(versions: readonly ExistingInvoice[] | undefined): ExistingInvoice | null {
  if (!versions) return null;
  for (let i = versions.length - 1; i >= 0; i--) if (versions[i]!.status !== "CREDITED") return versions[i]!;
  return null;
}

async function loadStoredInvoices(q: RawQueryable, invoiceIds: readonly string[]): Promise<Map<string, StoredInvoice>> {
  const out = new Map<string, StoredInvoice>();
  if (invoiceIds.length === 0) return out;
  const explanations = await q.$queryRawUnsafe<{ id: string; explanation: unknown }[]>(
    `SELECT "id"::text AS id, "explanation" FROM "Invoice" WHERE "id" = ANY($1::uuid[])`,
    invoiceIds,
  );
  for (const e of explanations) {
    const explanation = (typeof e.explanation === "string" ? JSON.parse(e.explanation) : e.explanation) as Partial<BillingExplanation>;
    out.set(e.id, { lines: [], explanation: explanation ?? {} });
  }
  const lines = await q.$queryRawUnsafe<StoredLine[]>(
    `SELECT "invoiceId"::text AS "invoiceId", "position", "code", "description", "quantity"::text AS quantity, "unit",
            "unitPriceMinor"::text AS "unitPriceMinor", "amountMinor", "vatRate"::text AS "vatRate", "vatAmountMinor"
     FROM "InvoiceLine" WHERE "invoiceId" = ANY($1::uuid[]) ORDER BY "invoiceId", "position"`,
    invoiceIds,
  );
  for (const line of lines) out.get(line.invoiceId)?.lines.push(line);
  return out;
}

/** Normalised decimal text as PostgreSQL prints numerics ("25.00" → "25", "12.500000" → "12.5"). */
function trimDecimal(text: string): string {
  if (!text.includes(".")) return text;
  const t = text.replace(/0+$/, "").replace(/\.$/, "");
  return t === "-0" ? "0" : t;
}

/** A stored line back as a bill line, with the texts, dates and details the explanation kept. */
function billLineFromStored(line: StoredLine, stored: StoredInvoice, fallback: BillingPeriod): BillLine {
  const explained = stored.explanation.lines?.find((l) => l.position === line.position);
  return {
    code: line.code,
    section: explained?.section ?? "period",
    ...(explained?.product ? { product: explained.product } : {}),
    description: explained?.description ?? { sv: line.description, en: line.description },
    quantity: line.unit === "kWh" || line.unit === "kW" || line.unit === "m³" ? formatMilliText(line.quantity) : trimDecimal(line.quantity),
    unit: line.unit,
    unitPriceMinor: trimDecimal(line.unitPriceMinor),
    amountMinor: line.amountMinor,
    vatRatePercent: trimDecimal(line.vatRate),
    vatAmountMinor: line.vatAmountMinor,
    from: explained?.from ?? fallback.from,
    to: explained?.to ?? fallback.to,
    priceListIds: explained?.priceListIds ?? [],
    ...(explained?.details ? { details: explained.details } : {}),
  };
}

/** Whether the new lines bill exactly what the stored invoice bills (code, quantity, price, amounts). */
function sameLines(lines: readonly BillLine[], stored: StoredInvoice): boolean {
  if (lines.length !== stored.lines.length) return false;
  return lines.every((l, i) => {
    const s = stored.lines[i]!;
    return (
      l.code === s.code &&
      Number(l.quantity) === Number(s.quantity) &&
      Number(l.unitPriceMinor) === Number(s.unitPriceMinor) &&
      l.amountMinor === s.amountMinor &&
      l.vatAmountMinor === s.vatAmountMinor &&
      Number(l.vatRatePercent) === Number(s.vatRate)
    );
  });
}

/** "412.345000" → "412.345" (quantities of energy keep 3 decimals). */
function formatMilliText(text: string): string {
  const negative = text.startsWith("-");
  const [whole, fraction = ""] = (negative ? text.slice(1) : text).split(".");
  const out = `${whole}.${fraction.padEnd(3, "0").slice(0, 3)}`;
  return negative && !/^0\.000$/.test(out) ? `-${out}` : out;
}

type ChunkReads = {
  existing: Map<string, ExistingInvoice[]>;
  energy: Map<string, PeriodSeries>;
  volume: Map<string, PeriodSeries>;
  annual: Map<string, { wh: number; days: number }>;
  prepaid: Map<string, { invoiceId: string; invoiceNumber: string; lines: PrepaidAcontoLine[] }>;
  stored: Map<string, StoredInvoice>;
};

/** Reads what the chunk needs, rates every contract that needs it, and returns the outcomes. */
async function prepareChunk(ctx: RunContext, contracts: ContractRow[]): Promise<Outcome[]> {
  const t0 = now();
  const existing = await loadInvoicesOf(ctx.db, contracts, ctx.period);
  const outcomes: Outcome[] = [];
  const toRate: { contract: ContractRow; current: ExistingInvoice | null; versions: ExistingInvoice[] }[] = [];
  for (const contract of contracts) {
    const versions = existing.get(contract.id) ?? [];
    const current = currentOf(versions);
    if (contract.priceProducts.length === 0) {
      outcomes.push({ kind: "SKIPPED", contract, reason: "The contract names no price list products (Contract.priceProducts is empty), so there is nothing to bill." });
      continue;
    }
    if (current) {
      const rerate = ctx.corrections === "all" || (ctx.corrections === true && ctx.candidates.has(current.id));
      if (!rerate) {
        outcomes.push({ kind: "UNCHANGED", contract, reason: `Already invoiced: ${current.invoiceNumber} (v${current.version}).` });
        continue;
      }
    }
    toRate.push({ contract, current, versions });
  }

  const reads: ChunkReads = { existing, energy: new Map(), volume: new Map(), annual: new Map(), prepaid: new Map(), stored: new Map() };
  if (toRate.length > 0) await readForRating(ctx, toRate.map((r) => r.contract), toRate.flatMap((r) => (r.current ? [r.current.id] : [])), reads);
  ctx.timings.readMs += now() - t0;

  const t1 = now();
  for (const { contract, current, versions } of toRate) outcomes.push(await rateContract(ctx, contract, current, versions, reads));
  ctx.timings.rateMs += now() - t1;
  return outcomes;
}

async function readForRating(ctx: RunContext, contracts: ContractRow[], correctedIds: string[], reads: ChunkReads): Promise<void> {
  const series = await ctx.db.$queryRawUnsafe<{ id: string; installationId: string; quantity: string; resolution: Resolution }[]>(
    `SELECT "id"::text AS id, "installationId"::text AS "installationId", "quantity"::text AS quantity, "resolution"::text AS resolution
     FROM "MeterSeries" WHERE "installationId" = ANY($1::uuid[]) AND "quantity" IN ('ENERGY_KWH', 'VOLUME_M3')
     ORDER BY "resolution" DESC`,
    [...new Set(contracts.map((c) => c.installationId))],
  );
  const energyOf = new Map<string, string>();
  const volumeOf = new Map<string, { id: string; resolution: Resolution }>();
  const byInstallation = new Map(contracts.map((c) => [c.installationId, c]));
  for (const s of series) {
    const contract = byInstallation.get(s.installationId)!;
    if (s.quantity === "ENERGY_KWH" && s.resolution === contract.resolution) energyOf.set(s.installationId, s.id);
    // PT1H sorts before PT15M (DESC): an hourly volume series is preferred.
    if (s.quantity === "VOLUME_M3" && !volumeOf.has(s.installationId)) volumeOf.set(s.installationId, { id: s.id, resolution: s.resolution });
  }
  const requests = contracts.flatMap((c) => {
    const id = energyOf.get(c.installationId);
    return id ? [{ seriesId: id, timeZone: c.timeZone, resolution: c.resolution }] : [];
  });
  const volumeRequests = contracts.flatMap((c) => {
    const v = volumeOf.get(c.installationId);
    return v && c.priceProducts.some((p) => p.startsWith("DH")) ? [{ seriesId: v.id, timeZone: c.timeZone, resolution: v.resolution }] : [];
  });
  const values = await readSeriesForPeriod(ctx.db, [...requests, ...volumeRequests], ctx.period.from, ctx.period.to);
  for (const c of contracts) {
    const e = energyOf.get(c.installationId);
    if (e && values.has(e)) reads.energy.set(c.id, values.get(e)!);
    const v = volumeOf.get(c.installationId);
    if (v && values.has(v.id)) reads.volume.set(c.id, values.get(v.id)!);
  }

  if (ctx.cycle === "QUARTERLY_ACONTO") {
    // Last year's consumption for the aconto: complete local days in the year ending with the quarter.
    const ids = [...energyOf.values()];
    if (ids.length) {
      const rows = await ctx.db.$queryRawUnsafe<{ seriesId: string; days: number; wh: number }[]>(
        `SELECT "seriesId"::text AS "seriesId", count(*)::int AS days, round(sum("sum") * 1000)::float8 AS wh
         FROM "MeterDay"
         WHERE "seriesId" = ANY($1::uuid[]) AND "day" >= $2::date AND "day" < $3::date AND NOT ('NaN'::float8 = ANY("values"))
         GROUP BY "seriesId"`,
        ids,
        addYears(ctx.period.to, -1),
        ctx.period.to,
      );
      const bySeries = new Map(rows.map((r) => [r.seriesId, r]));
      for (const c of contracts) {
        const row = bySeries.get(energyOf.get(c.installationId) ?? "");
        if (row) reads.annual.set(c.id, { wh: row.wh, days: row.days });
      }
    }
    // The aconto prepaid for this quarter: the ACONTO_NEXT lines of the previous quarter's current bill.
    const previous = previousPeriod(ctx.cycle, ctx.period);
    const before = await loadInvoicesOf(ctx.db, contracts, previous);
    const prepaidIds = new Map<string, ExistingInvoice>();
    for (const versions of before.values()) {
      const current = currentOf(versions);
      if (current) prepaidIds.set(current.id, current);
    }
    const stored = await loadStoredInvoices(ctx.db, [...prepaidIds.keys()]);
    for (const [id, invoice] of prepaidIds) {
      const lines = (stored.get(id)?.lines ?? [])
        .filter((l) => l.code === "ACONTO_NEXT")
        .map((l) => ({
          quantity: formatMilliText(l.quantity),
          unitPriceMinor: trimDecimal(l.unitPriceMinor),
          amountMinor: l.amountMinor,
          vatRatePercent: trimDecimal(l.vatRate),
          vatAmountMinor: l.vatAmountMinor,
        }));
      reads.prepaid.set(invoice.contractId, { invoiceId: id, invoiceNumber: invoice.invoiceNumber, lines });
    }
  }

  if (correctedIds.length) {
    for (const [id, stored] of await loadStoredInvoices(ctx.db, correctedIds)) reads.stored.set(id, stored);
  }
}

// ---------------------------------------------------------------------------------------------
// Rating one contract

function spotPricesOf(ctx: RunContext, area: string, currency: Currency): Promise<AreaSpotPrices> {
  const key = `${area}|${currency}`;
  let prices = ctx.spot.get(key);
  if (!prices) {
    // A day on either side covers every Nordic zone's local midnights.
    const fromMs = Date.parse(`${ctx.period.from}T00:00:00Z`) - DAY_MS;
    const toMs = Date.parse(`${ctx.period.to}T00:00:00Z`) + DAY_MS;
    prices = loadAreaSpotPrices(ctx.db, area, currency, fromMs, toMs);
    ctx.spot.set(key, prices);
  }
  return prices;
}

function ratingHashOf(parts: {
  cycle: BillingCycle;
  span: BillingPeriod;
  contract: ContractRow;
  energy: Float64Array;
  volume: Float64Array | null;
  lists: LoadedPriceList[];
  spotHash: string | null;
  vatKey: string;
  power: string | null;
}): string {
  const h = createHash("sha256");
  h.update(`v1|${parts.cycle}|${parts.span.from}|${parts.span.to}|${parts.contract.timeZone}|${parts.contract.resolution}|`);
  h.update(Buffer.from(parts.energy.buffer, parts.energy.byteOffset, parts.energy.byteLength));
  if (parts.volume) {
    h.update("|volume|");
    h.update(Buffer.from(parts.volume.buffer, parts.volume.byteOffset, parts.volume.byteLength));
  }
  // The prices in force, not the rows: a list published again with the same content changes nothing.
  h.update(`|lists|${parts.lists.map((l) => `${l.key}:${l.validFrom}:${l.validTo ?? ""}@${l.version}`).sort().join(",")}`);
  h.update(`|spot|${parts.spotHash ?? "-"}|vat|${parts.vatKey}|power|${parts.power ?? "-"}`);
  return h.digest("hex");
}

/** The part of a period series that covers `span` (a contract starting or ending inside the period). */
function sliceSeries(series: PeriodSeries, contract: ContractRow, period: BillingPeriod, span: BillingPeriod, resolution: Resolution): Float64Array {
  if (span.from === period.from && span.to === period.to) return series.values;
  const layout = periodLayout(period.from, period.to, contract.timeZone, resolution);
  const at = layout.offsets.get(span.from)?.at ?? 0;
  const end = layout.offsets.get(span.to)?.at ?? layout.n;
  return series.values.subarray(at, end);
}

function kWhOf(values: Float64Array): string {
  let wh = 0;
  for (let i = 0; i < values.length; i++) wh += Math.round(values[i]! * 1000);
  return formatMilli(wh);
}

function spotFactsOf(result: RatingResult, area: string): SpotFacts | null {
  const line = result.lines.find((l) => l.code === "SUPPLY_ENERGY_SPOT");
  if (!line || line.details?.kind !== "spot") return null;
  const plain = line.details.plainAverage;
  const weighted = Number(line.unitPriceMinor);
  return {
    weightedAverage: line.unitPriceMinor,
    plainAverage: plain.toFixed(4),
    differenceMinor: (Math.round((weighted - plain) * 1e4) / 1e4).toFixed(4),
    intervals: line.details.intervals,
    negativeIntervals: line.details.negativeIntervals,
    priceArea: area,
  };
}

type RatedPeriod = { result: RatingResult; hash: string; kWh: string; intervals: number; lists: LoadedPriceList[]; spot: SpotFacts | null; power: BillingPower | null; spotPrices: AreaSpotPrices | null };

/** Rates the contract's span; throws RatingError / PriceListLookupError with the plain reason. */
async function rateSpan(ctx: RunContext, contract: ContractRow, span: BillingPeriod, reads: ChunkReads): Promise<RatedPeriod> {
  const lists = priceListsFor(ctx.priceLists, contract.priceProducts, contract.priceArea);
  const domainLists = lists.map((l) => l.list!);
  const energySeries = reads.energy.get(contract.id);
  if (!energySeries) {
    throw new RatingError(
      "MISSING_CONSUMPTION",
      `Missing consumption: installation ${contract.meteringPointId} has no ${contract.resolution} energy series (ENERGY_KWH)`,
      span.from,
    );
  }
  const energy = sliceSeries(energySeries, contract, ctx.period, span, contract.resolution);
  const needsSpot = domainLists.some((l) => "energy" in l.prices && !Array.isArray(l.prices.energy) && (l.prices.energy as { kind: string }).kind === "spot");
  const spotPrices = needsSpot ? await spotPricesOf(ctx, contract.priceArea, contract.currency) : null;
  const volumeSeries = reads.volume.get(contract.id);
  const volume = volumeSeries ? sliceSeries(volumeSeries, contract, ctx.period, span, volumeSeries.resolution) : null;
  const needsPower = domainLists.some((l) => l.product === "DH" && l.prices.powerPerKWYear !== undefined);
  const power = needsPower ? highestDailyMeanPower(energy, span, contract.timeZone, contract.resolution) : null;
  const start = new Date(periodLayout(span.from, span.to, contract.timeZone, contract.resolution).startMs).toISOString();

  const result = rateConsumption({
    market: contract.market,
    currency: contract.currency,
    timeZone: contract.timeZone,
    period: span,
    consumption: { start, resolution: contract.resolution, values: energy },
    ...(spotPrices ? { spotPrices: spotSeriesFor(spotPrices, contract.resolution) } : {}),
    ...(volume && volumeSeries
      ? { volume: { start: new Date(periodLayout(span.from, span.to, contract.timeZone, volumeSeries.resolution).startMs).toISOString(), resolution: volumeSeries.resolution, values: volume } }
      : {}),
    ...(needsPower ? { contractedPowerKw: power?.kW ?? "0" } : {}),
    priceLists: domainLists,
    vatRates: ctx.vatRates,
  });
  const used = lists.filter((l) => l.validFrom < span.to && (l.validTo === null || l.validTo > span.from));
  const usesVolume = result.lines.some((l) => l.code === "DH_FLOW");
  return {
    result,
    hash: ratingHashOf({
      cycle: ctx.cycle,
      span,
      contract,
      energy,
      volume: usesVolume ? volume : null,
      lists: used,
      spotHash: spotPrices?.hash ?? null,
      vatKey: ctx.vatKey,
      power: power?.kW ?? null,
    }),
    kWh: kWhOf(energy),
    intervals: energy.length,
    lists: used,
    spot: spotFactsOf(result, contract.priceArea),
    power,
    spotPrices,
  };
}

async function rateContract(
  ctx: RunContext,
  contract: ContractRow,
  current: ExistingInvoice | null,
  versions: ExistingInvoice[],
  reads: ChunkReads,
): Promise<Outcome> {
  const span = spanOf(contract, ctx.period);
  let bill: PreparedBill;
  try {
    const rated = await rateSpan(ctx, contract, span, reads);
    if (current && current.ratingHash === rated.hash) {
      return { kind: "UNCHANGED", contract, confirmed: current.id, reason: `Rated again: the same data as invoice ${current.invoiceNumber} (v${current.version}).` };
    }
    if (ctx.cycle === "MONTHLY") {
      const lines = rated.result.lines.map((l) => billLineOf(l, "period"));
      bill = { span, lines, totals: totalsOf(lines), ratingHash: rated.hash, kWh: rated.kWh, intervals: rated.intervals, lists: rated.lists, spot: rated.spot, billingPower: rated.power, aconto: null };
    } else if (current) {
      bill = correctedQuarterlyBill(contract, span, rated, reads.stored.get(current.id)!);
    } else {
      bill = await quarterlyBill(ctx, contract, span, rated, reads);
    }
  } catch (error) {
    if (error instanceof RatingError || error instanceof PriceListLookupError) {
      return { kind: "FAILED", contract, reason: `${error.code}: ${error.message}` };
    }
    throw error;
  }

  // Newer data that bills exactly the same lines is no reason to credit and re-bill.
  if (current && sameLines(bill.lines, reads.stored.get(current.id)!)) {
    return { kind: "UNCHANGED", contract, confirmed: current.id, reason: `Rated again with newer data: the same lines as invoice ${current.invoiceNumber} (v${current.version}).` };
  }

  if (!current) {
    const latest = versions[versions.length - 1] ?? null;
    return { kind: "ISSUE", contract, version: (latest?.version ?? 0) + 1, previous: latest, bill };
  }
  const candidate = ctx.candidates.get(current.id);
  return {
    kind: "CORRECT",
    contract,
    version: versions[versions.length - 1]!.version + 1,
    original: current,
    chain: versions,
    stored: reads.stored.get(current.id)!,
    bill,
    reasons: candidate?.reasons.length ? candidate.reasons : [{ kind: "RERATED" }],
  };
}

/** A first Danish quarterly bill for the quarter: settlement, deduction of the prepaid aconto, next aconto. */
async function quarterlyBill(ctx: RunContext, contract: ContractRow, span: BillingPeriod, rated: RatedPeriod, reads: ChunkReads): Promise<PreparedBill> {
  const next = nextPeriod(ctx.cycle, ctx.period);
  const ended = contract.endDate !== null && contract.endDate < next.from;
  const annual = reads.annual.get(contract.id) ?? { wh: 0, days: 0 };
  const expected = expectedYearlyConsumption({ measuredKWh: annual.wh / 1000, measuredDays: annual.days, contractExpectedYearlyKWh: contract.expectedYearlyKwh });
  if (!expected && !ended) {
    throw new RatingError(
      "MISSING_CONSUMPTION",
      `No expected yearly consumption for the aconto: nothing was measured at ${contract.meteringPointId} in the year before ${span.to} and the contract has no expected yearly consumption`,
      span.from,
    );
  }
  const nextKWh = ended ? 0 : acontoKWhForQuarter(expected!.kWh, next);
  let assumedSpot: number | null = null;
  if (!ended && rated.spotPrices) {
    assumedSpot = rated.spot ? Number(rated.spot.weightedAverage) : plainMeanPrice(rated.spotPrices, Date.parse(`${span.from}T00:00:00Z`), Date.parse(`${span.to}T00:00:00Z`));
    if (assumedSpot === null) throw new RatingError("MISSING_SPOT_PRICE", `No spot price in ${span.from}–${span.to} to estimate the next aconto from`, span.from);
  }
  const nextEstimate = ended
    ? null
    : rateConsumption({
        market: contract.market,
        currency: contract.currency,
        timeZone: contract.timeZone,
        period: next,
        consumption: evenConsumption(nextKWh * 1000, next, contract.timeZone, contract.resolution),
        ...(assumedSpot !== null ? { spotPrices: constantPriceSeries(assumedSpot, next, contract.timeZone) } : {}),
        priceLists: priceListsFor(ctx.priceLists, contract.priceProducts, contract.priceArea).map((l) => l.list!),
        vatRates: ctx.vatRates,
      });
  const prepaid = reads.prepaid.get(contract.id) ?? null;
  const built = buildQuarterlyAcontoBill({
    settled: span,
    settlement: rated.result,
    prepaid: prepaid && prepaid.lines.length ? { invoiceNumber: prepaid.invoiceNumber, lines: prepaid.lines } : null,
    next,
    nextKWh,
    nextEstimate: nextEstimate ?? { ...rated.result, lines: [], totals: { netMinor: 0, vatMinor: 0, totalMinor: 0 } },
  });
  const lines = ended ? built.lines.filter((l) => l.section !== "aconto") : built.lines;
  const prepaidKWh = prepaid && prepaid.lines.length ? formatMilli(prepaid.lines.reduce((s, l) => s + Math.round(Number(l.quantity) * 1000), 0)) : null;
  const aconto: AcontoFacts = {
    settledPeriod: span,
    actualKwh: rated.kWh,
    prepaidKwh: prepaidKWh,
    actualAmountMinor: built.settlementTotals.totalMinor,
    prepaidAmountMinor: built.prepaidTotals.totalMinor,
    differenceMinor: built.differenceMinor,
    prepaidInvoice: prepaid && prepaid.lines.length ? { id: prepaid.invoiceId, invoiceNumber: prepaid.invoiceNumber } : null,
    nextPeriod: next,
    nextKwh: String(nextKWh),
    nextAmountMinor: ended ? 0 : built.nextTotals.totalMinor,
    expectedYearlyKwh: expected?.kWh ?? 0,
    basis: expected?.source === "measured" ? { kWh: annual.wh / 1000, days: annual.days, from: addYears(ctx.period.to, -1), to: ctx.period.to } : null,
    basisSource: expected?.source ?? "contract",
    assumedSpotMinor: assumedSpot === null ? null : assumedSpot.toFixed(4),
    nextLines: (nextEstimate?.lines ?? []).map((l) => ({
      code: l.code,
      description: l.description,
      quantity: l.quantity,
      unit: l.unit,
      unitPriceMinor: l.unitPriceMinor,
      amountMinor: l.amountMinor,
      vatAmountMinor: l.vatAmountMinor,
    })),
  };
  return { span, lines, totals: totalsOf(lines), ratingHash: rated.hash, kWh: rated.kWh, intervals: rated.intervals, lists: rated.lists, spot: rated.spot, billingPower: rated.power, aconto };
}

/** A Danish bill again: the settlement rated anew, the deduction and the next aconto carried over. */
function correctedQuarterlyBill(contract: ContractRow, span: BillingPeriod, rated: RatedPeriod, stored: StoredInvoice): PreparedBill {
  const settlement = rated.result.lines.map((l) => billLineOf(l, "settlement"));
  const carried = stored.lines.filter((l) => l.code === "ACONTO_DEDUCTION" || l.code === "ACONTO_NEXT").map((l) => billLineFromStored(l, stored, span));
  const lines = [...settlement, ...carried];
  const settlementTotals = totalsOf(settlement);
  const before = stored.explanation.aconto;
  const aconto: AcontoFacts | null = before
    ? {
        ...before,
        actualKwh: rated.kWh,
        actualAmountMinor: settlementTotals.totalMinor,
        differenceMinor: settlementTotals.totalMinor - before.prepaidAmountMinor,
      }
    : null;
  return { span, lines, totals: totalsOf(lines), ratingHash: rated.hash, kWh: rated.kWh, intervals: rated.intervals, lists: rated.lists, spot: rated.spot, billingPower: rated.power, aconto };
}

// ---------------------------------------------------------------------------------------------
// Writing a chunk

async function writeChunk(ctx: RunContext, outcomes: Outcome[]): Promise<void> {
  if (outcomes.length === 0) return;
  try {
    const issued = await ctx.db.$transaction((tx) => writeOutcomes(ctx, tx as unknown as Tx, outcomes), {
      timeout: TRANSACTION_TIMEOUT_MS,
      maxWait: 60_000,
    });
    countIssued(ctx, issued);
  } catch (error) {
    if (outcomes.length === 1) {
      // This contract's documents could not be stored: record why, and let the run go on.
      const contract = outcomes[0]!.contract;
      await ctx.db.$transaction((tx) =>
        writeItems(tx as unknown as Tx, ctx.runId, [{ contractId: contract.id, status: "FAILED", reason: `Could not be stored: ${(error as Error).message.split("\n").slice(-3).join(" ").trim()}`, invoiceIds: [] }]),
      );
      return;
    }
    // Isolate the failing contract: write the chunk again one contract per transaction.
    for (const outcome of outcomes) await writeChunk(ctx, [outcome]);
  }
}

type IssuedDocument = { currency: Currency; kind: "INVOICE" | "CREDIT_NOTE"; net: number; vat: number; total: number };

function countIssued(ctx: RunContext, docs: IssuedDocument[]): void {
  for (const d of docs) {
    if (d.kind === "INVOICE") ctx.issued.invoices++;
    else ctx.issued.creditNotes++;
    const t = ctx.issued.totals.get(d.currency) ?? { net: 0, vat: 0, total: 0 };
    t.net += d.net;
    t.vat += d.vat;
    t.total += d.total;
    ctx.issued.totals.set(d.currency, t);
  }
}

type ItemRow = { contractId: string; status: RunItemStatus; reason: string | null; invoiceIds: string[] };

type InvoiceRow = {
  id: string;
  invoiceNumber: string;
  billingKey: string;
  ratingHash: string | null;
  contract: ContractRow;
  kind: "INVOICE" | "CREDIT_NOTE";
  status: "ISSUED" | "PAID";
  invoiceDate: string;
  dueDate: string;
  span: BillingPeriod;
  totals: BillTotals;
  paymentReference: string;
  correctsInvoiceId: string | null;
  explanation: BillingExplanation;
  paidAt: string | null;
  lines: BillLine[];
};

async function writeOutcomes(ctx: RunContext, tx: Tx, input: Outcome[]): Promise<IssuedDocument[]> {
  const outcomes = [...input];
  const billing = outcomes.filter((o): o is Extract<Outcome, { kind: "ISSUE" | "CORRECT" }> => o.kind === "ISSUE" || o.kind === "CORRECT");
  if (billing.length) {
    // Lock the contracts, then check that nobody billed them since they were read.
    await tx.$queryRawUnsafe(`SELECT 1 FROM "Contract" WHERE "id" = ANY($1::uuid[]) ORDER BY "id" FOR UPDATE`, billing.map((o) => o.contract.id));
    const now = await loadInvoicesOf(tx, billing.map((o) => o.contract), ctx.period);
    for (let i = 0; i < outcomes.length; i++) {
      const o = outcomes[i]!;
      if (o.kind !== "ISSUE" && o.kind !== "CORRECT") continue;
      const versions = now.get(o.contract.id) ?? [];
      const current = currentOf(versions);
      const latest = versions[versions.length - 1]?.version ?? 0;
      const stale = o.kind === "ISSUE" ? current !== null || latest !== o.version - 1 : current?.id !== o.original.id || latest !== o.version - 1;
      if (stale) {
        outcomes[i] = { kind: "UNCHANGED", contract: o.contract, reason: `Billed by another run meanwhile${current ? ` (invoice ${current.invoiceNumber})` : ""}.` };
      }
    }
  }

  const documents = outcomes.filter((o): o is Extract<Outcome, { kind: "ISSUE" | "CORRECT" }> => o.kind === "ISSUE" || o.kind === "CORRECT");
  const numbers = await allocateInvoiceNumbers(
    tx,
    documents.map((o) => ({ market: o.contract.market, count: o.kind === "CORRECT" ? 2 : 1 })),
  );
  const paidBefore = await paymentsOf(
    tx,
    documents.flatMap((o) => (o.kind === "CORRECT" ? o.chain.map((v) => v.id) : [])),
  );

  const invoices: InvoiceRow[] = [];
  const items: ItemRow[] = [];
  const credited: string[] = [];
  const invoiceDate = ctx.invoiceDate ?? invoiceDateFor(ctx.period.to, ctx.today);
  for (const o of outcomes) {
    if (o.kind !== "ISSUE" && o.kind !== "CORRECT") {
      // A confirmed invoice is recorded on the item, so the correction finder stops proposing it.
      items.push({ contractId: o.contract.id, status: o.kind, reason: o.reason, invoiceIds: o.confirmed ? [o.confirmed] : [] });
      continue;
    }
    const { contract, bill } = o;
    const market = contract.market;
    const dueDate = dueDateFor(market, invoiceDate);
    const mine = numbers.get(market)!.splice(0, o.kind === "CORRECT" ? 2 : 1);
    const payment = (number: string) => ({
      scheme: PAYMENT_REFERENCE_SCHEME[market],
      reference: paymentReferenceFor(market, number),
      invoiceDate,
      dueDate,
      termDays: PAYMENT_TERM_DAYS[market],
    });
    const invoiceId = randomUUID();
    const invoiceNumber = mine[mine.length - 1]!;
    const base = baseExplanation(ctx, contract, bill);

    if (o.kind === "ISSUE") {
      invoices.push({
        id: invoiceId,
        invoiceNumber,
        billingKey: billingKeyOf(contract.id, ctx.period.from, o.version),
        ratingHash: bill.ratingHash,
        contract,
        kind: "INVOICE",
        status: "ISSUED",
        invoiceDate,
        dueDate,
        span: bill.span,
        totals: bill.totals,
        paymentReference: paymentReferenceFor(market, invoiceNumber),
        correctsInvoiceId: o.previous?.status === "CREDITED" ? o.previous.id : null,
        explanation: { ...base, payment: payment(invoiceNumber) },
        paidAt: null,
        lines: bill.lines,
      });
      items.push({ contractId: contract.id, status: "ISSUED", reason: null, invoiceIds: [invoiceId] });
      continue;
    }

    // Correction: credit the current version in full, bill the period again.
    const creditId = randomUUID();
    const creditNumber = mine[0]!;
    const original = o.original;
    const originalLines = o.stored.lines.map((l) => billLineFromStored(l, o.stored, bill.span));
    const credit = creditLines(originalLines, original.invoiceNumber);
    const creditTotals = totalsOf(credit);
    const reason = correctionReason(o.reasons, original.invoiceNumber, o.stored.explanation.consumption?.kWh ?? null, bill.kWh, ctx.cycle);
    const paid = o.chain.reduce((s, v) => s + (paidBefore.get(v.id) ?? 0), 0);
    const toPay = Math.max(0, bill.totals.totalMinor - paid);
    const covered = paid > 0 && bill.totals.totalMinor > 0 && toPay === 0;
    const originalSpan = { from: o.stored.explanation.period?.from ?? bill.span.from, to: o.stored.explanation.period?.to ?? bill.span.to };
    invoices.push({
      id: creditId,
      invoiceNumber: creditNumber,
      billingKey: `${billingKeyOf(contract.id, ctx.period.from, original.version)}:credit`,
      ratingHash: null,
      contract,
      kind: "CREDIT_NOTE",
      status: "ISSUED",
      invoiceDate,
      dueDate,
      span: originalSpan,
      totals: creditTotals,
      paymentReference: paymentReferenceFor(market, creditNumber),
      correctsInvoiceId: original.id,
      explanation: {
        ...base,
        kind: "CREDIT_NOTE",
        period: originalSpan,
        consumption: null,
        lines: explainedLines(credit),
        totals: creditTotals,
        vatSummary: vatSummaryOf(credit),
        spot: null,
        billingPower: null,
        aconto: null,
        credits: { invoiceId: original.id, invoiceNumber: original.invoiceNumber, totalMinor: original.totalAmountMinor, replacedByInvoiceNumber: invoiceNumber, reason },
        payment: payment(creditNumber),
        nextInvoice: null,
      },
      paidAt: null,
      lines: credit,
    });
    invoices.push({
      id: invoiceId,
      invoiceNumber,
      billingKey: billingKeyOf(contract.id, ctx.period.from, o.version),
      ratingHash: bill.ratingHash,
      contract,
      kind: "INVOICE",
      status: covered ? "PAID" : "ISSUED",
      invoiceDate,
      dueDate,
      span: bill.span,
      totals: bill.totals,
      paymentReference: paymentReferenceFor(market, invoiceNumber),
      correctsInvoiceId: original.id,
      explanation: {
        ...base,
        correction: {
          reason,
          reasons: o.reasons,
          correctsInvoiceId: original.id,
          correctsInvoiceNumber: original.invoiceNumber,
          creditNoteId: creditId,
          creditNoteNumber: creditNumber,
          version: o.version,
          previous: { totalMinor: original.totalAmountMinor, kWh: o.stored.explanation.consumption?.kWh ?? null },
          current: { totalMinor: bill.totals.totalMinor, kWh: bill.kWh },
          differenceMinor: bill.totals.totalMinor - original.totalAmountMinor,
          paidOnEarlierVersionsMinor: paid,
          toPayMinor: toPay,
          toRefundMinor: Math.max(0, paid - bill.totals.totalMinor),
        },
        payment: payment(invoiceNumber),
      },
      paidAt: covered ? new Date().toISOString() : null,
      lines: bill.lines,
    });
    credited.push(original.id);
    items.push({ contractId: contract.id, status: "CORRECTED", reason, invoiceIds: [creditId, invoiceId] });
  }

  await insertInvoices(tx, invoices);
  if (credited.length) {
    await tx.$executeRawUnsafe(`UPDATE "Invoice" SET "status" = 'CREDITED' WHERE "id" = ANY($1::uuid[])`, credited);
  }
  await writeItems(tx, ctx.runId, items);
  return invoices.map((i) => ({ currency: i.contract.currency, kind: i.kind, net: i.totals.netMinor, vat: i.totals.vatMinor, total: i.totals.totalMinor }));
}

function explainedLines(lines: readonly BillLine[]): ExplainedLine[] {
  return lines.map((l, i) => ({
    position: i + 1,
    code: l.code,
    section: l.section,
    ...(l.product ? { product: l.product } : {}),
    description: l.description,
    from: l.from,
    to: l.to,
    priceListIds: l.priceListIds,
    ...(l.details ? { details: l.details } : {}),
  }));
}

function baseExplanation(ctx: RunContext, contract: ContractRow, bill: PreparedBill): Omit<BillingExplanation, "payment"> {
  return {
    version: 1,
    kind: "INVOICE",
    market: contract.market,
    currency: contract.currency,
    cycle: ctx.cycle,
    timeZone: contract.timeZone,
    period: bill.span,
    contract: { id: contract.id, contractNumber: contract.contractNumber, productName: contract.productName, pricing: contract.pricing, priceProducts: contract.priceProducts },
    installation: { id: contract.installationId, meteringPointId: contract.meteringPointId, priceArea: contract.priceArea, resolution: contract.resolution },
    consumption: { kWh: bill.kWh, intervals: bill.intervals, resolution: contract.resolution },
    lines: explainedLines(bill.lines),
    totals: bill.totals,
    vatSummary: vatSummaryOf(bill.lines),
    priceLists: bill.lists.map((l) => ({ id: l.id, product: l.key, name: l.name, validFrom: l.validFrom, validTo: l.validTo })),
    spot: bill.spot,
    billingPower: bill.billingPower ? { ...bill.billingPower, rule: "highest-daily-mean-power-in-period" } : null,
    aconto: bill.aconto,
    correction: null,
    credits: null,
    nextInvoice: nextInvoiceEstimate(contract.market, ctx.cycle, ctx.period),
  };
}

/** Plain English: why the period was billed again and what changed. */
function correctionReason(reasons: readonly CorrectionReason[], originalNumber: string, before: string | null, after: string, cycle: BillingCycle): string {
  const parts = reasons.map((r) => {
    switch (r.kind) {
      case "METER_VALUES":
        return `${r.revisions} meter value${r.revisions === 1 ? " was" : "s were"} replaced (intervals ${r.firstInterval.slice(0, 16).replace("T", " ")}–${r.lastInterval.slice(0, 16).replace("T", " ")} UTC)`;
      case "PRICE_LIST":
        return `new prices were published (price list${r.priceListIds.length === 1 ? "" : "s"} ${r.priceListIds.join(", ")})`;
      case "RERATED":
        return "the period was rated again with the current meter values and prices";
    }
  });
  const what = cycle === "QUARTERLY_ACONTO" ? "the quarter's settlement" : "the period";
  const consumption = before !== null && before !== after ? ` Consumption ${before} kWh → ${after} kWh.` : "";
  return `Invoice ${originalNumber} is credited and ${what} billed again because ${parts.join(" and ")} after it was issued.${consumption}`;
}

/** Next invoice numbers per market, under a transaction-wide advisory lock. */
async function allocateInvoiceNumbers(tx: Tx, needs: { market: Market; count: number }[]): Promise<Map<Market, string[]>> {
  const out = new Map<Market, string[]>();
  const perMarket = new Map<Market, number>();
  for (const n of needs) perMarket.set(n.market, (perMarket.get(n.market) ?? 0) + n.count);
  if (perMarket.size === 0) return out;
  await tx.$queryRawUnsafe(`SELECT pg_advisory_xact_lock(${INVOICE_NUMBER_LOCK})::text`);
  for (const [market, count] of [...perMarket].sort()) {
    const { first, last } = invoiceNumberBounds(market);
    const rows = await tx.$queryRawUnsafe<{ invoiceNumber: string }[]>(
      `SELECT "invoiceNumber" FROM "Invoice"
       WHERE "invoiceNumber" >= $1 AND "invoiceNumber" <= $2 AND "invoiceNumber" ~ '^[0-9]{10}$'
       ORDER BY "invoiceNumber" DESC LIMIT 1`,
      first,
      last,
    );
    const lastSerial = rows[0] ? (parseInvoiceNumber(rows[0].invoiceNumber)?.serial ?? 0) : 0;
    out.set(market, nextInvoiceNumbers(market, lastSerial, count));
  }
  return out;
}

async function paymentsOf(tx: Tx, invoiceIds: string[]): Promise<Map<string, number>> {
  if (invoiceIds.length === 0) return new Map();
  const rows = await tx.$queryRawUnsafe<{ invoiceId: string; paid: number }[]>(
    `SELECT "invoiceId"::text AS "invoiceId", sum("amountMinor")::float8 AS paid FROM "Payment" WHERE "invoiceId" = ANY($1::uuid[]) GROUP BY 1`,
    invoiceIds,
  );
  return new Map(rows.map((r) => [r.invoiceId, r.paid]));
}

async function insertInvoices(tx: Tx, invoices: InvoiceRow[]): Promise<void> {
  if (invoices.length === 0) return;
  await tx.$executeRawUnsafe(
    `INSERT INTO "Invoice" ("id", "invoiceNumber", "billingKey", "ratingHash", "customerId", "installationId", "contractId", "kind", "status",
       "currency", "invoiceDate", "dueDate", "periodStart", "periodEnd", "netAmountMinor", "vatAmountMinor", "totalAmountMinor",
       "paymentReference", "correctsInvoiceId", "explanation", "paidAt")
     SELECT t.id, t.num, t.key, t.hash, t.customer, t.installation, t.contract, t.kind::"InvoiceKind", t.status::"InvoiceStatus",
       t.currency::"Currency", t.invoice_date, t.due_date, t.period_start, t.period_end, t.net, t.vat, t.total,
       t.ref, t.corrects, t.expl::jsonb, t.paid_at
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::uuid[], $7::uuid[], $8::text[], $9::text[],
       $10::text[], $11::date[], $12::date[], $13::date[], $14::date[], $15::int[], $16::int[], $17::int[],
       $18::text[], $19::uuid[], $20::text[], $21::timestamptz[])
       AS t(id, num, key, hash, customer, installation, contract, kind, status, currency, invoice_date, due_date, period_start, period_end,
            net, vat, total, ref, corrects, expl, paid_at)`,
    invoices.map((i) => i.id),
    invoices.map((i) => i.invoiceNumber),
    invoices.map((i) => i.billingKey),
    invoices.map((i) => i.ratingHash),
    invoices.map((i) => i.contract.customerId),
    invoices.map((i) => i.contract.installationId),
    invoices.map((i) => i.contract.id),
    invoices.map((i) => i.kind),
    invoices.map((i) => i.status),
    invoices.map((i) => i.contract.currency),
    invoices.map((i) => i.invoiceDate),
    invoices.map((i) => i.dueDate),
    invoices.map((i) => i.span.from),
    invoices.map((i) => i.span.to),
    invoices.map((i) => i.totals.netMinor),
    invoices.map((i) => i.totals.vatMinor),
    invoices.map((i) => i.totals.totalMinor),
    invoices.map((i) => i.paymentReference),
    invoices.map((i) => i.correctsInvoiceId),
    invoices.map((i) => JSON.stringify(i.explanation)),
    invoices.map((i) => i.paidAt),
  );
  const lines = invoices.flatMap((i) => i.lines.map((l, p) => ({ invoiceId: i.id, position: p + 1, line: l })));
  const BATCH = 20_000;
  for (let s = 0; s < lines.length; s += BATCH) {
    const batch = lines.slice(s, s + BATCH);
    await tx.$executeRawUnsafe(
      `INSERT INTO "InvoiceLine" ("id", "invoiceId", "position", "code", "description", "quantity", "unit", "unitPriceMinor", "amountMinor", "vatRate", "vatAmountMinor")
       SELECT gen_random_uuid(), t.invoice, t.pos, t.code, t.descr, t.qty::numeric, t.unit, t.price::numeric, t.amount, t.vat_rate::numeric, t.vat
       FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[], $9::text[], $10::int[])
         AS t(invoice, pos, code, descr, qty, unit, price, amount, vat_rate, vat)`,
      batch.map((b) => b.invoiceId),
      batch.map((b) => b.position),
      batch.map((b) => b.line.code),
      batch.map((b) => lineDescription(b.line.description)),
      batch.map((b) => b.line.quantity),
      batch.map((b) => b.line.unit),
      batch.map((b) => b.line.unitPriceMinor),
      batch.map((b) => b.line.amountMinor),
      batch.map((b) => b.line.vatRatePercent),
      batch.map((b) => b.line.vatAmountMinor),
    );
  }
}

/** The stored description: Swedish, the portal's language (the explanation keeps English and Danish). */
function lineDescription(text: LineText): string {
  return text.sv;
}

async function writeItems(tx: Tx, runId: string, items: ItemRow[]): Promise<void> {
  if (items.length === 0) return;
  await tx.$executeRawUnsafe(
    `INSERT INTO "BillingRunItem" ("id", "runId", "contractId", "status", "reason", "invoiceIds")
     SELECT gen_random_uuid(), $1::uuid, t.contract, t.status::"BillingRunItemStatus", t.reason,
            CASE WHEN t.ids = '' THEN '{}'::uuid[] ELSE string_to_array(t.ids, ',')::uuid[] END
     FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[]) AS t(contract, status, reason, ids)
     ON CONFLICT ("runId", "contractId") DO UPDATE
       SET "status" = EXCLUDED."status", "reason" = EXCLUDED."reason", "invoiceIds" = EXCLUDED."invoiceIds", "createdAt" = now()`,
    runId,
    items.map((i) => i.contractId),
    items.map((i) => i.status),
    items.map((i) => i.reason),
    items.map((i) => i.invoiceIds.join(",")),
  );
}
