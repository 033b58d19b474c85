// The invoice messages' translators for tests of the domain's document and wording code, which
// takes its translator injected (the PDF and the billing run use the same ones).
export { invoiceTranslator } from "@/server/invoices/invoice-translator";
