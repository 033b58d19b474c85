import { formatMeteringPointId } from "@/domain/identity";
import type { InstallationChoice } from "./list-installation-choices";

/** An installation offered in a scope picker (invite a user, invite or accept a company, give a manager access). */
export type InstallationOption = { id: string; label: string; detail: string };

export const toInstallationOption = (i: InstallationChoice): InstallationOption => ({
  id: i.id,
  label: i.name ?? i.street,
  detail: `${i.street}, ${i.city} · ${formatMeteringPointId(i.meteringPointId)}`,
});
