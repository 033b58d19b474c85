// Creates a Prisma client on adapter-pg; used by the app (through ./client), the seed and the tests.
// Secrets are omitted from every query unless a caller asks for them explicitly.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";

export const defaultOmit = {
  user: { passwordHash: true, personalIdNumber: true },
  staffUser: { passwordHash: true },
  customer: { nationalId: true, firstLoginPinHash: true, checkCode: true },
  thirdParty: { webhookSecret: true },
} as const;

export function createPrismaClient(connectionString: string) {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString }), omit: defaultOmit });
}

export type Db = ReturnType<typeof createPrismaClient>;
