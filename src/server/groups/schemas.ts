import "server-only";
import { z } from "zod";
import type { InstallationSearchParams } from "@/server/installations/installation-search-where";

/** More than any customer has today, and what the consumption page accepts in one selection. */
export const MAX_GROUP_SIZE = 1000;

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const groupNameSchema = z.string().trim().min(1, "groups.nameRequired").max(60, "groups.nameTooLong");

/** Installations to put in a group: picked one by one, or everything a search matches. */
export type GroupSelection = { installationIds: string[] } | { search: InstallationSearchParams };

export type GroupSummary = { id: string; name: string; memberCount: number };

/** A group's name as a form field, so its errors are filed under `name`. */
export const groupNameInputSchema = z.object({ name: groupNameSchema });
