import { getTranslations } from "next-intl/server";
import { RowHeader, Table, TBody, Td, THead, Tr } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format";
import type { AccessLogEntry } from "@/server/access/list-access-log";

/** "Logg": who changed access to the customer, when, and what. */
export async function AccessLog({ entries, locale }: { entries: AccessLogEntry[]; locale: string }) {
  const t = await getTranslations("access");
  const describe = (e: AccessLogEntry) => {
    const d = e.details;
    const parts: string[] = [];
    if (typeof d.email === "string") parts.push(d.email);
    if (typeof d.companyName === "string") parts.push(d.companyName);
    if (typeof d.role === "string" && t.has(`roles.${d.role}` as never)) parts.push(t(`roles.${d.role}` as never));
    if (typeof d.from === "string" && typeof d.to === "string") parts.push(`${t(`roles.${d.from}` as never)} → ${t(`roles.${d.to}` as never)}`);
    if (d.installations === "all") parts.push(t("scope.allShort"));
    else if (typeof d.installations === "number") parts.push(t("scope.someShort", { count: d.installations }));
    return parts.join(" · ");
  };
  return (
    <Table caption={t("log.caption")} density="compact" empty={entries.length === 0 ? t("log.none") : undefined}>
      <THead columns={[t("log.time"), t("log.who"), t("log.what"), t("log.details")]} />
      <TBody>
        {entries.map((e) => (
          <Tr key={e.id}>
            <Td className="whitespace-nowrap">
              <time dateTime={e.at.toISOString()}>{formatDateTime(e.at, locale)}</time>
            </Td>
            <Td className="break-words">{e.actor.kind === "user" ? (e.actor.email ?? e.actor.name ?? "–") : t(`log.${e.actor.kind}`)}</Td>
            <RowHeader className="font-medium">
              {/^[a-zA-Z]+(\.[a-zA-Z]+)+$/.test(e.action) && t.has(`log.actions.${e.action}` as never) ? t(`log.actions.${e.action}` as never) : e.action}
            </RowHeader>
            <Td className="break-words">{describe(e) || "–"}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
