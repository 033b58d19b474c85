import { describe, expect, it } from "vitest";
import { z } from "zod";
import { isAppError } from "@/server/errors";
import { fieldErrorsOf, isTranslationKey, parseInput } from "./field-errors";

const errorsOf = (schema: z.ZodType, input: unknown) => {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error("expected the input to be refused");
  return fieldErrorsOf(parsed.error);
};

describe("a form's field errors from its schema", () => {
  it("keeps the schema's own translation key, so the form says exactly what is wrong", () => {
    const schema = z.object({ reason: z.string().trim().min(3, "support.reasonRequired"), email: z.email("validation.email") });
    expect(errorsOf(schema, { reason: " x ", email: "nope" })).toEqual({ reason: ["support.reasonRequired"], email: ["validation.email"] });
  });

  it("gives a generic key by the kind of mistake when the schema has no key of its own", () => {
    const schema = z.object({
      name: z.string().min(1),
      code: z.string().min(4),
      note: z.string().max(3),
      email: z.email(),
      role: z.enum(["READ", "FULL"]),
      count: z.number(),
    });
    expect(errorsOf(schema, { name: "", code: "ab", note: "long", email: "x", role: "BOSS", count: "1" })).toEqual({
      name: ["validation.required"],
      code: ["validation.tooShort"],
      note: ["validation.tooLong"],
      email: ["validation.email"],
      role: ["validation.choice"],
      count: ["validation.invalid"],
    });
  });

  it("never shows zod's English text to the user", () => {
    const errors = errorsOf(z.object({ when: z.string().refine(() => false) }), { when: "soon" });
    expect(errors).toEqual({ when: ["validation.invalid"] });
  });

  it("shows one message per field: the first rule the value broke", () => {
    const schema = z.object({ password: z.string().min(12, "validation.passwordLength").regex(/\d/, "validation.passwordDigit") });
    expect(errorsOf(schema, { password: "short" })).toEqual({ password: ["validation.passwordLength"] });
  });

  it("names a nested field by its path and files a bad list element under the list", () => {
    const schema = z.object({ address: z.object({ postalCode: z.string().regex(/^\d{5}$/, "validation.postalCode") }), installationIds: z.array(z.uuid()) });
    expect(errorsOf(schema, { address: { postalCode: "1" }, installationIds: ["not-an-id"] })).toEqual({
      "address.postalCode": ["validation.postalCode"],
      installationIds: ["validation.invalid"],
    });
  });

  it("files a rule about the whole form under _form", () => {
    const schema = z.object({ from: z.string(), to: z.string() }).refine((v) => v.from <= v.to, "validation.dateOrder");
    expect(errorsOf(schema, { from: "2026-02-01", to: "2026-01-01" })).toEqual({ _form: ["validation.dateOrder"] });
  });

  it("recognises translation keys and nothing else", () => {
    expect(isTranslationKey("validation.nationalId.checksum")).toBe(true);
    expect(isTranslationKey("thirdPartyAdmin.errors.exists")).toBe(true);
    expect(isTranslationKey("Too small: expected string to have >=1 characters")).toBe(false);
    expect(isTranslationKey("VALIDATION")).toBe(false);
  });
});

describe("a server function's input", () => {
  const schema = z.object({ name: z.string().trim().min(1, "groups.nameRequired") });

  it("comes back parsed when it is valid", () => {
    expect(parseInput(schema, { name: "  Norr  " })).toEqual({ name: "Norr" });
  });

  it("is refused with a VALIDATION error carrying the same field errors a form would show", () => {
    let thrown: unknown;
    try {
      parseInput(schema, { name: "   " });
    } catch (error) {
      thrown = error;
    }
    expect(isAppError(thrown) && { code: thrown.code, fieldErrors: thrown.fieldErrors }).toEqual({ code: "VALIDATION", fieldErrors: { name: ["groups.nameRequired"] } });
  });
});
