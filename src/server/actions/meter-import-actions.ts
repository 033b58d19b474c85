"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { MAX_IMPORT_FILE_BYTES } from "@/domain/metering/types";
import { importMeterValues } from "@/server/metering/import-meter-values";
import { staffAction } from "./safe-action";

// The form's file arrives as a File in the FormData. staffAction's own schema only takes the form
// apart; the file is checked here so that its messages stay this area's translation keys.
const formSchema = z.object({ file: z.unknown(), storeValid: z.string().optional() });

// A form sent without a chosen file still carries an empty file part, which arrives as an empty File
// named "" or (as Next decodes it) "undefined".
const noFileChosen = (f: File) => f.size === 0 && (!f.name || f.name === "undefined");

const fileSchema = z
  .custom<File>((v) => v instanceof File && !noFileChosen(v), "meterImport.errors.fileRequired")
  .refine((f) => f.size <= MAX_IMPORT_FILE_BYTES, "meterImport.errors.fileTooLarge");

/** Imports the uploaded file and shows its report (the import is recorded, also when rejected). */
export const importMeterValuesAction = staffAction(formSchema, async (form, { actor, ip }) => {
  const file = fileSchema.safeParse(form.file);
  if (!file.success) {
    return { status: "error", message: "errors.VALIDATION", fieldErrors: { file: file.error.issues.map((i) => i.message) } };
  }
  const result = await importMeterValues({
    fileName: file.data.name.slice(0, 255),
    bytes: new Uint8Array(await file.data.arrayBuffer()),
    mode: form.storeValid === "on" ? "store-valid" : "all-or-nothing",
    actor,
    ip,
  });
  revalidatePath("/support/import");
  revalidatePath("/support/logg");
  redirect(`/support/import?import=${result.importId}`);
});
