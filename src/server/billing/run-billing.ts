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
 *
 * Where the parts are: this file orchestrates. The bill is planned in src/domain/billing
 * (plan-bill.ts, plan-correction.ts, rating-hash.ts, invoice-versions.ts); rating one contract is
 * rate-contract.ts; the reads and writes are one file each here (load-contracts.ts,
 * read-for-rating.ts, load-invoices-of.ts, write-outcomes.ts, allocate-invoice-numbers.ts, …), and
 * the stored rows of an invoice (explanation, lines, reading them back) are invoice-rows.ts.
 */
import { checkBillingPeriod, type BillingCycle } from "@/domain/billing/billing-period";
import { currentOf } from "@/domain/billing/invoice-versions";
import type { Currency } from "@/domain/billing/price-list";
import { localDate } from "@/domain/time/zoned";
import { db as defaultDb } from "@/server/db/client";
import type { Db } from "@/server/db/create-client";
import type { ChunkReads, ContractRow, ExistingInvoice, Outcome, RunContext, RunItemStatus, Tx } from "./billing-run-types";
import { findCorrectionCandidates } from "./find-correction-candidates";
import { loadContracts } from "./load-contracts";
import { loadInvoicesOf } from "./load-invoices-of";
import { loadPriceLists } from "./load-price-lists";
import { loadRunItems } from "./load-run-items";
import { loadVatRates } from "./load-vat-rates";
import { rateContract } from "./rate-contract";
import { readForRating } from "./read-for-rating";
import { startOrResumeRun } from "./start-or-resume-run";
import { writeItems } from "./write-items";
import { writeOutcomes, type IssuedDocument } from "./write-outcomes";

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
  /** Called after each chunk is committed (progress; a throw here stops the run like a crash). */
  onChunkCommitted?: (progress: { chunk: number; chunks: number; done: number; total: number }) => void | Promise<void>;
};

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

const DEFAULT_CHUNK_SIZE = 500;
const TRANSACTION_TIMEOUT_MS = 10 * 60_000;
const now = () => performance.now();

export async function runBilling(options: RunBillingOptions): Promise<RunBillingSummary> {
  const started = now();
  const db = options.db ?? defaultDb;
  const period = checkBillingPeriod(options.cycle, options.periodStart, options.periodEnd);
  const today = options.today ?? localDate(new Date(), "Europe/Stockholm");

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
    vatRates: [],
    vatKey: "",
    spot: new Map(),
    timings: { readMs: 0, rateMs: 0, writeMs: 0 },
    issued: { invoices: 0, creditNotes: 0, totals: new Map() },
  };

  let handled = 0;
  try {
    const t0 = now();
    const contracts = await loadContracts(db, runId, options.cycle, period, options.contractIds);
    ctx.priceLists = await loadPriceLists(db);
    // VAT rates are data like the price lists: a day without a rate fails the contract (MISSING_PRICE).
    ctx.vatRates = await loadVatRates(db);
    ctx.vatKey = JSON.stringify(ctx.vatRates);
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

  const { items, problems } = await loadRunItems(db, runId);
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
// One chunk

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
