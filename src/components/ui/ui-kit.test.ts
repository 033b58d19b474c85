import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Badge } from "./badge";
import { buttonClass } from "./button";
import { RowHeader, Table, TBody, Td, THead, Tr } from "./table";

const table = (props: Partial<Omit<Parameters<typeof Table>[0], "children">> = {}) =>
  renderToStaticMarkup(
    h(Table, {
      caption: "Användare",
      ...props,
      children: [
        h(THead, { key: "head", columns: ["Namn", { label: "Antal", align: "right" }, { label: "Åtgärder", hidden: true }] }),
        h(TBody, { key: "body", children: h(Tr, { children: [h(RowHeader, { key: 1, children: "Ada" }), h(Td, { key: 2, align: "right", children: "3" }), h(Td, { key: 3, children: "–" })] }) }),
      ],
    }),
  );

describe("Table", () => {
  it("names itself with a caption and gives every header its scope", () => {
    const html = table();
    expect(html).toContain('<caption class="sr-only">Användare</caption>');
    expect(html.match(/scope="col"/g)).toHaveLength(3);
    expect(html).toContain('scope="row"');
    // An actions column is named for screen readers only.
    expect(html).toMatch(/<th scope="col"[^>]*><span class="sr-only">Åtgärder<\/span><\/th>/);
    expect(html).toMatch(/<th scope="col" class="[^"]*text-right[^"]*">Antal<\/th>/);
  });

  it("scrolls sideways inside its own box, and shows a visible caption when asked", () => {
    const html = table({ showCaption: true, density: "compact" });
    expect(html).toMatch(/^<div class="relative overflow-x-auto/);
    expect(html).toContain('data-density="compact"');
    expect(html).not.toContain('class="sr-only">Användare');
  });

  it("puts a column's second line under its label", () => {
    const html = renderToStaticMarkup(h("table", null, h(THead, { columns: [{ label: "Namn", sub: "Organisationsnummer" }, "Status"] })));
    expect(html).toMatch(/<th scope="col"[^>]*>Namn<span class="block font-normal">Organisationsnummer<\/span><\/th>/);
    expect(html).toMatch(/<th scope="col"[^>]*>Status<\/th>/);
  });

  it("shows the empty message instead of a table without rows", () => {
    expect(table({ empty: "Inga användare." })).toBe('<p class="text-slate-800">Inga användare.</p>');
  });
});

describe("Badge and buttons", () => {
  it("always writes the status out; the tone is a second cue", () => {
    expect(renderToStaticMarkup(h(Badge, { tone: "bad", children: "Makulerat" }))).toMatch(/<span class="[^"]*border-red-700[^"]*">Makulerat<\/span>/);
  });

  it("gives every button variant a visible focus ring", () => {
    for (const variant of ["primary", "secondary", "danger"] as const) {
      expect(buttonClass({ variant })).toContain("focus:ring-2");
      expect(buttonClass({ variant, size: "sm" })).toContain("text-sm");
    }
  });
});
