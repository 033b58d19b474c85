import type { InstallationType } from "@/generated/prisma/enums";

/** Every installation type, for validating a type that comes back from a form. */
export const installationTypes = ["ELECTRICITY_GRID", "ELECTRICITY_SUPPLY", "DISTRICT_HEATING", "DISTRICT_COOLING"] as const satisfies readonly InstallationType[];
