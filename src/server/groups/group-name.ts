import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { Db } from "@/server/db/create-client";
import { AppError } from "@/server/errors";

/** Refuses a name the user already gave another group ("Norr" and "norr" are the same name). */
export async function assertNameFree(tx: Pick<Db, "installationGroup">, userId: string, name: string, exceptGroupId?: string): Promise<void> {
  const taken = await tx.installationGroup.findFirst({
    where: { userId, name: { equals: name, mode: "insensitive" }, ...(exceptGroupId ? { id: { not: exceptGroupId } } : {}) },
    select: { id: true },
  });
  if (taken) throw new AppError("CONFLICT", "errors.VALIDATION", { name: ["groups.nameTaken"] });
}

export const isUniqueViolation = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
