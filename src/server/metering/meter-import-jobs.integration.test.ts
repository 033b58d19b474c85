// Issue 10, item 11: a staff upload streams into storage and the background worker imports it, so
// the web server never parses the file. The import behaves as before (idempotent, all-or-nothing or
// store-valid, problems with their lines, audit with the staff member and address).
import { beforeEach, describe, expect, it } from "vitest";
import { localMidnightUtc } from "@/domain/time/zoned";
import { createCustomer, createInstallation, createStaffUser } from "@/fixtures/factories";
import type { CustomerActor, StaffActor } from "@/server/access/actor";
import { getTestDb, resetDatabase } from "../../../tests/support/db";
import { getMeterImportJob } from "./get-meter-import-job";
import { listPendingMeterImportJobs } from "./list-pending-meter-import-jobs";
import { receiveMeterImportUpload, UPLOAD_CHUNK_BYTES } from "./receive-meter-import-upload";
import { MAX_IMPORT_ATTEMPTS, runMeterImportJobs } from "./run-meter-import-jobs";

const db = getTestDb();
let staff: StaffActor;
const HEADER = "metering_point;quantity;resolution;start;value;quality";
const HOUR = 3_600_000;
const iso = (t: number) => new Date(t).toISOString().replace(".000Z", "Z");

beforeEach(async () => {
  await resetDatabase();
  const row = await createStaffUser(db, { name: "Ivar Import" });
  staff = { kind: "staff", staffId: row.id, name: row.name, email: row.email, role: row.role };
});

async function installation() {
  const customer = await createCustomer(db);
  return createInstallation(db, { customerId: customer.id });
}

function csv(point: string, values: (number | string)[]) {
  const from = localMidnightUtc("2025-01-15", "Europe/Stockholm").getTime();
  return [HEADER, ...values.map((v, i) => `${point};ENERGY_KWH;PT1H;${iso(from + i * HOUR)};${v};measured`)].join("\n") + "\n";
}

/** The form as the browser sends it: multipart with the file and, when ticked, storeValid=on. */
function form(file: Blob | null, fileName = "values.csv", storeValid = false) {
  const data = new FormData();
  if (file) data.append("file", file, fileName);
  if (storeValid) data.append("storeValid", "on");
  const request = new Request("http://localhost:3000/api/support/meter-imports", { method: "POST", body: data });
  return { body: request.body!, contentType: request.headers.get("content-type")!, ip: "192.0.2.44" };
}

describe("a staff upload of a meter-value file", () => {
  it("is stored in chunks and queued; nothing is parsed or imported until the worker takes it", async () => {
    const inst = await installation();
    const outcome = await receiveMeterImportUpload(staff, form(new Blob([csv(inst.meteringPointId, [1, 2, 3])])));
    expect(outcome.ok).toBe(true);
    const jobId = (outcome as { jobId: string }).jobId;
    const job = await getMeterImportJob(staff, jobId);
    expect(job).toMatchObject({ fileName: "values.csv", status: "QUEUED", receivedBy: "Ivar Import", importId: null });
    expect(await db.meterImportJobChunk.count({ where: { jobId } })).toBe(1);
    expect(await db.meterImport.count()).toBe(0);
    expect((await listPendingMeterImportJobs(staff)).map((j) => j.id)).toEqual([jobId]);
  });

  it("is imported by the worker as the staff member who uploaded it, from their address, and then followed to its report", async () => {
    const inst = await installation();
    const outcome = await receiveMeterImportUpload(staff, form(new Blob([csv(inst.meteringPointId, [0.5, "1,25", 2])])));
    const jobId = (outcome as { jobId: string }).jobId;
    expect(await runMeterImportJobs({ db })).toMatchObject({ imported: 1, failed: 0 });
    const job = await getMeterImportJob(staff, jobId);
    expect(job).toMatchObject({ status: "DONE", importId: expect.any(String) });
    const imported = await db.meterImport.findUniqueOrThrow({ where: { id: job!.importId! } });
    expect(imported).toMatchObject({ fileName: "values.csv", status: "STORED", valuesReceived: 3, valuesStored: 3, receivedByStaffId: staff.staffId });
    expect(await db.auditLog.findFirstOrThrow({ where: { action: "meter.importReceived", targetId: imported.id } })).toMatchObject({ actorStaffId: staff.staffId, ipAddress: "192.0.2.44" });
    // The bytes are gone once imported, and the job is not taken up a second time.
    expect(await db.meterImportJobChunk.count()).toBe(0);
    expect(await runMeterImportJobs({ db })).toMatchObject({ imported: 0 });
    expect(await db.meterImport.count()).toBe(1);
    expect(await listPendingMeterImportJobs(staff)).toEqual([]);
  });

  it("keeps all-or-nothing and store-valid: a file with a bad line is REJECTED, or PARTIAL when asked to store the valid part", async () => {
    const inst = await installation();
    const file = csv(inst.meteringPointId, [1, -2, 3]);
    await receiveMeterImportUpload(staff, form(new Blob([file]), "bad.csv"));
    await receiveMeterImportUpload(staff, form(new Blob([file]), "bad.csv", true));
    expect(await runMeterImportJobs({ db })).toMatchObject({ imported: 2 });
    const imports = await db.meterImport.findMany({ orderBy: { receivedAt: "asc" } });
    expect(imports.map((i) => [i.status, i.valuesStored, i.valuesRejected])).toEqual([
      ["REJECTED", 0, 3],
      ["PARTIAL", 2, 1],
    ]);
    expect(imports[0]!.report).toMatchObject([{ line: 3, code: "NEGATIVE_VALUE" }]);
  });

  it("streams a large file through in chunks and puts it together byte for byte", async () => {
    const inst = await installation();
    const line = (i: number) => `${inst.meteringPointId};ENERGY_KWH;PT1H;${iso(Date.UTC(2020, 0, 1) + i * HOUR)};${(i % 100) / 10};measured\n`;
    const lines = [`${HEADER}\n`];
    let size = lines[0]!.length;
    for (let i = 0; size < 3.5 * UPLOAD_CHUNK_BYTES * 4; i++) {
      lines.push(line(i));
      size += lines.at(-1)!.length;
    }
    const outcome = await receiveMeterImportUpload(staff, form(new Blob(lines)));
    const jobId = (outcome as { jobId: string }).jobId;
    expect(await db.meterImportJobChunk.count({ where: { jobId } })).toBe(14);
    expect((await getMeterImportJob(staff, jobId))!.sizeBytes).toBe(size);
    await runMeterImportJobs({ db });
    const imported = await db.meterImport.findFirstOrThrow();
    expect(imported).toMatchObject({ status: "STORED", valuesReceived: lines.length - 1 });
  });

  it("refuses no file, an empty file and one over the limit, and leaves nothing behind", async () => {
    expect(await receiveMeterImportUpload(staff, form(null))).toEqual({ ok: false, error: "fileRequired" });
    expect(await receiveMeterImportUpload(staff, form(new Blob([]), ""))).toEqual({ ok: false, error: "fileRequired" });
    // A smaller limit than MAX_IMPORT_FILE_BYTES, so the test need not stream 50 MB into chunks.
    const limit = 3 * UPLOAD_CHUNK_BYTES;
    expect(await receiveMeterImportUpload(staff, form(new Blob([new Uint8Array(limit + 1)])), { maxFileBytes: limit })).toEqual({ ok: false, error: "fileTooLarge" });
    expect(await receiveMeterImportUpload(staff, form(new Blob([new Uint8Array(limit).fill(0x61)])), { maxFileBytes: limit })).toMatchObject({ ok: true });
    await db.meterImportJob.deleteMany();
    expect(await db.meterImportJob.count()).toBe(0);
    expect(await db.meterImportJobChunk.count()).toBe(0);
  });

  it("is for staff only", async () => {
    const customer: CustomerActor = { kind: "customer", userId: "00000000-0000-4000-8000-000000000001", name: "Kund", email: null, customers: [] };
    await expect(receiveMeterImportUpload(customer, form(new Blob(["x"])))).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(getMeterImportJob(customer, "00000000-0000-4000-8000-000000000001")).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(listPendingMeterImportJobs(customer)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db.meterImportJob.count()).toBe(0);
  });

  it("is tried again after a fault and given up after a few tries, storing nothing", async () => {
    const inst = await installation();
    const outcome = await receiveMeterImportUpload(staff, form(new Blob([csv(inst.meteringPointId, [1])])));
    const jobId = (outcome as { jobId: string }).jobId;
    // A fault that is no problem of the file: its chunks are lost.
    await db.meterImportJobChunk.deleteMany({ where: { jobId } });
    let now = Date.now();
    for (let attempt = 1; attempt <= MAX_IMPORT_ATTEMPTS; attempt++) {
      const r = await runMeterImportJobs({ db, now: () => new Date(now) });
      expect(r).toMatchObject(attempt < MAX_IMPORT_ATTEMPTS ? { retrying: 1 } : { failed: 1 });
      // Not again in the same minute.
      expect(await runMeterImportJobs({ db, now: () => new Date(now) })).toMatchObject({ imported: 0, retrying: 0, failed: 0 });
      now += 61_000;
    }
    expect(await getMeterImportJob(staff, jobId)).toMatchObject({ status: "FAILED", importId: null });
    expect(await db.meterImport.count()).toBe(0);
  });
});
