import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getLocale, getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/ui/page-header";
import { localDate } from "@/domain/time/zoned";
import { formatDate, formatDateTime } from "@/lib/format";
import { requireStaff } from "@/server/auth/session";
import { getCustomerForSupport, type SupportCustomer } from "@/server/support/get-customer-for-support";
import { AuditTable } from "../../audit-table";
import { DetailList, DetailRow } from "@/components/ui/detail-list";
import { OutcomeBanner } from "@/components/ui/outcome-banner";
import { RowHeader, Table, TBody, Td, THead, Tr } from "@/components/ui/table";
import { LastLogin, UserNameAndEmailCells, UserStatusBadge } from "../../user-cells";
import { ResetLinkForm, VoidUserForm } from "./user-actions";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

// Metadata and page read the same customer once per request.
const loadCustomer = cache(async (id: string) => getCustomerForSupport(await requireStaff(), id));

/** The calendar day of an instant in Swedish time (a timestamp near midnight UTC is the next day here). */
const swedishDay = (d: Date) => localDate(d, "Europe/Stockholm");

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const customer = await loadCustomer((await params).id);
  const t = await getTranslations("support");
  return { title: customer ? `${customer.customerNumber} – ${customer.name}` : t("search.title") };
}

export default async function SupportCustomerPage({ params, searchParams }: Props) {
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const customer = await loadCustomer(id);
  if (!customer) notFound();
  const [t, tc, locale] = await Promise.all([getTranslations("support"), getTranslations("common"), getLocale()]);
  const none = tc("none");
  const justVoided = query.makulerad === "1";

  return (
    <div>
      <PageHeader
        back={{ href: "/support", label: t("customer.backToSearch") }}
        title={customer.name}
        intro={t("customer.intro", { customerNumber: customer.customerNumber, kind: t(`kind.${customer.kind}`), market: t(`market.${customer.market}`) })}
      />
      {justVoided ? (
        <OutcomeBanner ok>{t("customer.voidedNotice")}</OutcomeBanner>
      ) : null}

      <div className="space-y-6">
        <Card title={t("customer.detailsTitle")}>
          <DetailList>
            <DetailRow label={t("customer.customerNumber")}>{customer.customerNumber}</DetailRow>
            <DetailRow label={t("customer.name")}>{customer.name}</DetailRow>
            <DetailRow label={t("customer.kind")}>{t(`kind.${customer.kind}`)}</DetailRow>
            <DetailRow label={t("customer.market")}>{t(`market.${customer.market}`)}</DetailRow>
            <DetailRow label={t("customer.nationalId")}>
              {customer.nationalIdMasked} <span className="text-sm text-slate-600">{t("customer.nationalIdMaskedHint")}</span>
            </DetailRow>
            <DetailRow label={t("customer.email")}>{customer.email ?? none}</DetailRow>
            <DetailRow label={t("customer.phone")}>{customer.phone ?? none}</DetailRow>
            <DetailRow label={t("customer.address")}>
              {customer.street}, {customer.postalCode} {customer.city}
              {customer.country !== customer.market ? `, ${customer.country}` : null}
            </DetailRow>
            <DetailRow label={t("customer.invoiceAddress")}>
              {customer.invoiceCareOf ? <>{t("customer.invoiceCareOf", { name: customer.invoiceCareOf })}, </> : null}
              {customer.invoiceStreet}, {customer.invoicePostalCode} {customer.invoiceCity}
            </DetailRow>
            <DetailRow label={t("customer.invoiceDelivery")}>
              {t(`delivery.${customer.invoiceDelivery}`)}
              {customer.invoiceEmail ? ` (${customer.invoiceEmail})` : null}
            </DetailRow>
            <DetailRow label={t("customer.customerSince")}>{formatDate(swedishDay(customer.createdAt), locale)}</DetailRow>
          </DetailList>
        </Card>

        <Card title={t("customer.installationsTitle")}>
          {customer.installations.length === 0 ? (
            <p className="text-slate-700">{t("customer.noInstallations")}</p>
          ) : (
            <InstallationsTable customer={customer} locale={locale} t={t} />
          )}
        </Card>

        <Card title={t("customer.usersTitle")}>
          <Users customer={customer} locale={locale} t={t} />
        </Card>

        <Card title={t("customer.auditTitle")}>
          {customer.audit.length === 0 ? (
            <p className="text-slate-700">{t("customer.noAudit")}</p>
          ) : (
            <AuditTable rows={customer.audit} caption={t("customer.auditCaption")} />
          )}
          <p className="mt-4 text-sm">
            <Link href={`/support/logg?${new URLSearchParams({ kund: customer.customerNumber })}`} className="text-sky-800 underline">
              {t("customer.auditAll")}
            </Link>
          </p>
        </Card>
      </div>
    </div>
  );
}

type T = Awaited<ReturnType<typeof getTranslations<"support">>>;

function Users({ customer, locale, t }: { customer: SupportCustomer; locale: string; t: T }) {
  if (customer.users.length === 0) return <p className="text-slate-700">{t("customer.noUsers")}</p>;
  const actionable = customer.users.filter((u) => u.status === "ACTIVE" && u.email && !u.membershipRevokedAt);
  return (
    <>
      <Table caption={t("customer.usersCaption")} density="compact">
        <THead columns={[t("col.name"), t("col.email"), t("col.role"), t("col.status"), t("col.lastLogin"), t("col.created")]} />
        <TBody>
          {customer.users.map((u) => (
            <Tr key={u.id}>
              <UserNameAndEmailCells user={u} />
              <Td>{t(`role.${u.role}`)}</Td>
              <Td>
                <UserStatusBadge status={u.status} />
                {u.status === "VOIDED" && u.voidedAt ? (
                  <span className="mt-1 block text-xs text-slate-700">
                    {u.voidedByName
                      ? t("customer.voidedInfo", { date: formatDateTime(u.voidedAt, locale), staff: u.voidedByName })
                      : t("customer.voidedInfoUnknownStaff", { date: formatDateTime(u.voidedAt, locale) })}
                  </span>
                ) : u.membershipRevokedAt ? (
                  <span className="mt-1 block text-xs text-slate-700">{t("membershipRevoked", { date: formatDateTime(u.membershipRevokedAt, locale) })}</span>
                ) : null}
              </Td>
              <Td>
                <LastLogin at={u.lastLoginAt} />
              </Td>
              <Td>{formatDate(swedishDay(u.createdAt), locale)}</Td>
            </Tr>
          ))}
        </TBody>
      </Table>
      {actionable.map((u) => (
        <section key={u.id} aria-labelledby={`actions-${u.id}`} className="mt-6 border-t border-slate-200 pt-4">
          <h3 id={`actions-${u.id}`} className="mb-3 font-semibold text-slate-900">
            {t("customer.actionsTitle", { name: `${u.name} (${u.email})` })}
          </h3>
          <div className="grid gap-4 lg:grid-cols-2">
            <ResetLinkForm userId={u.id} email={u.email!} />
            <VoidUserForm userId={u.id} customerId={customer.id} email={u.email!} />
          </div>
        </section>
      ))}
    </>
  );
}

function InstallationsTable({ customer, locale, t }: { customer: SupportCustomer; locale: string; t: T }) {
  return (
    <Table caption={t("customer.installationsCaption")} density="compact">
      <THead columns={[t("col.meteringPoint"), t("col.type"), t("col.address"), t("col.status"), t("col.period")]} />
      <TBody>
        {customer.installations.map((i) => (
          <Tr key={i.id}>
            <RowHeader className="font-mono">{i.meteringPointId}</RowHeader>
            <Td>{t(`installationType.${i.type}`)}</Td>
            <Td>
              {i.name ? <span className="block font-medium">{i.name}</span> : null}
              {i.street}, {i.postalCode} {i.city}
            </Td>
            <Td>{t(`installationStatus.${i.status}`)}</Td>
            <Td>
              {i.endDate
                ? t("customer.periodClosed", { start: formatDate(i.startDate, locale), end: formatDate(i.endDate, locale) })
                : t("customer.periodOpen", { start: formatDate(i.startDate, locale) })}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
