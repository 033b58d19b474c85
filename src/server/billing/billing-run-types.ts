import "server-only";
// The shapes one billing run passes between its reads, its rating and its writes
// (run-billing.ts orchestrates; the bill itself is planned in src/domain/billing/plan-*.ts).
import type { BillingCycle, BillingPeriod, PrepaidAcontoLine } from "@/domain/billing/billing-period";
import type { BillingExplanation, BillLine, BillTotals, CorrectionReason } from "@/domain/billing/invoice-explanation";
import type { ExplainLine } from "@/domain/billing/explain";
import type { InvoiceVersion } from "@/domain/billing/invoice-versions";
import type { BillingContract, PlannedBill, RatedSpan } from "@/domain/billing/plan-bill";
import type { Currency, VatRate } from "@/domain/billing/price-list";
import type { Db } from "@/server/db/create-client";
import type { PeriodSeries, RawQueryable } from "@/server/metering/read-series";
import type { CorrectionCandidate } from "./find-correction-candidates";
import type { LoadedPriceList } from "./load-price-lists";
import type { AreaSpotPrices } from "./load-spot-prices";

export type Tx = RawQueryable & Pick<Db, "$executeRawUnsafe">;

export type RunItemStatus = "ISSUED" | "CORRECTED" | "UNCHANGED" | "SKIPPED" | "FAILED";

export type ContractRow = BillingContract;

export type ExistingInvoice = InvoiceVersion;

export type StoredLine = ExplainLine & { invoiceId: string; params: unknown };

export type StoredInvoice = { lines: StoredLine[]; explanation: Partial<BillingExplanation> };

/** A bill ready to store, before invoice numbers and payment references are known. */
export type PreparedBill = PlannedBill;

export type Outcome =
  | { kind: "SKIPPED" | "FAILED" | "UNCHANGED"; contract: ContractRow; reason: string; /** UNCHANGED after rating again: the invoice confirmed. */ confirmed?: string }
  | { kind: "ISSUE"; contract: ContractRow; version: number; previous: ExistingInvoice | null; bill: PreparedBill }
  | { kind: "CORRECT"; contract: ContractRow; version: number; original: ExistingInvoice; chain: ExistingInvoice[]; stored: StoredInvoice; bill: PreparedBill; reasons: CorrectionReason[] };

export type RunContext = {
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

/** What a chunk's rating reads, by contract id (stored invoices by invoice id). */
export type ChunkReads = {
  existing: Map<string, ExistingInvoice[]>;
  energy: Map<string, PeriodSeries>;
  volume: Map<string, PeriodSeries>;
  annual: Map<string, { wh: number; days: number }>;
  prepaid: Map<string, { invoiceId: string; invoiceNumber: string; lines: PrepaidAcontoLine[] }>;
  stored: Map<string, StoredInvoice>;
};

export type RatedPeriod = RatedSpan & { lists: LoadedPriceList[]; spotPrices: AreaSpotPrices | null };

export type ItemRow = { contractId: string; status: RunItemStatus; reason: string | null; invoiceIds: string[] };

export type InvoiceRow = {
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
