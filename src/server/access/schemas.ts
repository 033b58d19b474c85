import { z } from "zod";
import { INSTALLATION_FIELD_PREFIX } from "@/lib/access-form-fields";
import { checkCodeSchema, customerNumberSchema, emailSchema, nationalIdInputSchema, newPasswordSchema, optionalCheckCodeSchema } from "@/server/accounts/schemas";

// Input rules for access management (Behörighet, Förvaltning, invitations). Messages are
// translation keys (messages/*/validation.json and messages/*/access.json).

/** An invitation link works for seven days, once. */
export const INVITATION_TTL_DAYS = 7;
/** How many access-log entries a customer's administrators see on the Behörighet page. */
export const ACCESS_LOG_LIMIT = 50;
/** The most installations one invitation or grant may list (beyond that: "all installations"). */
const MAX_LISTED_INSTALLATIONS = 2_000;

const memberRoles = ["ADMINISTRATOR", "FULL", "READ"] as const;
export type MemberRole = (typeof memberRoles)[number];
/** What a management company may hand its managers: never the customer's administrator level. */
const managerRoles = ["FULL", "READ"] as const;

/** Ordering of levels, for "no one raises their own level". */
export const roleRank: Record<MemberRole, number> = { READ: 1, FULL: 2, ADMINISTRATOR: 3 };

const uuid = z.string().uuid("validation.invalid");
const role = z.enum(memberRoles, { error: "validation.choice" });
const scope = z.enum(["all", "selected"], { error: "validation.choice" }).default("all");
const installationIds = z.array(uuid).max(MAX_LISTED_INSTALLATIONS, "validation.tooLong").default([]);

/**
 * Plain HTML forms post one checkbox per installation, named `inst_<id>` (a repeated name would keep
 * only its last value on the way through `Object.fromEntries`); this gathers them into a list.
 */
function gatherInstallationIds(raw: unknown): unknown {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return raw;
  const record = raw as Record<string, unknown>;
  if (Array.isArray(record.installationIds)) return record;
  const ids = Object.keys(record)
    .filter((k) => k.startsWith(INSTALLATION_FIELD_PREFIX) && record[k])
    .map((k) => k.slice(INSTALLATION_FIELD_PREFIX.length));
  return { ...record, installationIds: ids };
}

/** "Selected installations" needs at least one. */
const someSelected = (v: { scope: "all" | "selected"; installationIds: string[] }) => v.scope === "all" || v.installationIds.length > 0;
const someSelectedIssue = { path: ["installationIds"], message: "access.errors.chooseInstallations" };

export const addCustomerSchema = z.object({
  customerNumber: customerNumberSchema,
  nationalId: nationalIdInputSchema,
  checkCode: checkCodeSchema,
});
export type AddCustomerInput = z.input<typeof addCustomerSchema>;

export const inviteUserSchema = z.preprocess(
  gatherInstallationIds,
  z
    .object({ customerId: uuid, email: emailSchema, role, scope, installationIds })
    .refine(someSelected, someSelectedIssue),
);
export type InviteUserInput = { customerId: string; email: string; role: MemberRole; scope?: "all" | "selected"; installationIds?: string[] };

export const changeMemberRoleSchema = z.object({ membershipId: uuid, role });
export type ChangeMemberRoleInput = z.infer<typeof changeMemberRoleSchema>;

export const membershipIdSchema = z.object({ membershipId: uuid });
export const invitationIdSchema = z.object({ invitationId: uuid });
export const grantIdSchema = z.object({ grantId: uuid });
export const memberIdSchema = z.object({ memberId: uuid });

const companyName = z.string("validation.required").trim().min(1, "validation.required").max(120, "validation.tooLong");

/**
 * The invitation names the company (organisation number and name) and its administrator's address:
 * a company new to the portal is registered under that name, and the acceptor does not choose it.
 */
export const inviteManagementCompanySchema = z.preprocess(
  gatherInstallationIds,
  z
    .object({ customerId: uuid, organisationNumber: nationalIdInputSchema, companyName, email: emailSchema, scope, installationIds })
    .refine(someSelected, someSelectedIssue),
);
export type InviteManagementCompanyInput = {
  customerId: string;
  organisationNumber: string;
  companyName: string;
  email: string;
  scope?: "all" | "selected";
  installationIds?: string[];
};

/** One of the customer's administrators accepts a company's request, for all or chosen installations. */
export const acceptManagementRequestSchema = z.preprocess(
  gatherInstallationIds,
  z.object({ grantId: uuid, scope, installationIds }).refine(someSelected, someSelectedIssue),
);
export type AcceptManagementRequestInput = { grantId: string; scope?: "all" | "selected"; installationIds?: string[] };

export const inviteManagerSchema = z.object({ managementCompanyId: uuid, email: emailSchema });
export type InviteManagerInput = z.infer<typeof inviteManagerSchema>;

export const grantManagerAccessSchema = z.preprocess(
  gatherInstallationIds,
  z
    .object({
      managementCompanyId: uuid,
      grantId: uuid,
      memberId: uuid,
      role: z.enum(managerRoles, { error: "validation.choice" }),
      scope,
      installationIds,
    })
    .refine(someSelected, someSelectedIssue),
);
export type GrantManagerAccessInput = {
  managementCompanyId: string;
  grantId: string;
  memberId: string;
  role: (typeof managerRoles)[number];
  scope?: "all" | "selected";
  installationIds?: string[];
};

/** The check code is needed only for a client without administrators; given, it must be right. */
export const registerManagementClientSchema = z.object({
  managementCompanyId: uuid,
  customerNumber: customerNumberSchema,
  nationalId: nationalIdInputSchema,
  checkCode: optionalCheckCodeSchema,
});
export type RegisterManagementClientInput = z.input<typeof registerManagementClientSchema>;

export const invitationTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, "access.errors.invitationInvalid");

/**
 * The accept form: signed in already, or signing in with the account's password, or creating an
 * account on the spot. (A management company is named by the invitation, not by the acceptor.)
 */
export const acceptInvitationSchema = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("signedIn"), token: invitationTokenSchema }),
  z.object({ mode: z.literal("password"), token: invitationTokenSchema, password: z.string().min(1, "validation.required").max(200) }),
  z
    .object({
      mode: z.literal("newAccount"),
      token: invitationTokenSchema,
      name: z.string().trim().min(1, "validation.required").max(120, "validation.tooLong"),
      password: newPasswordSchema,
      confirmPassword: z.string(),
    })
    .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "validation.passwordMismatch" }),
]);
