// Why an export was refused before anything was read, with what the user needs to hear. An
// AppError, so any caller maps it through the one status table (400 and 429); the export route
// also uses `reason` to send a browser back to the consumption page with the message.
import { AppError } from "@/server/errors";

export type ExportRefusal = { reason: "TOO_LARGE"; rows: number; maxRows: number } | { reason: "IN_PROGRESS" };

export class ExportRefusedError extends AppError {
  constructor(readonly refusal: ExportRefusal) {
    super(refusal.reason === "TOO_LARGE" ? "VALIDATION" : "RATE_LIMITED", refusal.reason === "TOO_LARGE" ? "EXPORT_TOO_LARGE" : "EXPORT_IN_PROGRESS");
    this.name = "ExportRefusedError";
  }
}
