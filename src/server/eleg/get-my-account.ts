import "server-only";
import type { CustomerActor } from "@/server/access/actor";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { maskPersonalIdNumber } from "./personal-id-number";

export type MyAccount = {
  name: string;
  email: string | null;
  /** Masked ("19780512-****"), or null when no e-legitimation is linked. */
  personalIdNumber: string | null;
  signatures: { id: string; purpose: string; text: string; signedAt: Date }[];
};

/** "Mitt konto": the signed-in user's own details and latest signatures. Two queries. */
export async function getMyAccount(actor: CustomerActor): Promise<MyAccount> {
  const [user, signatures] = await Promise.all([
    db.user.findUnique({ where: { id: actor.userId }, select: { name: true, email: true, personalIdNumber: true } }),
    db.signature.findMany({
      where: { userId: actor.userId },
      select: { id: true, purpose: true, payload: true, signedAt: true },
      orderBy: { signedAt: "desc" },
      take: 20,
    }),
  ]);
  if (!user) throw new AppError("UNAUTHENTICATED");
  return {
    name: user.name,
    email: user.email,
    personalIdNumber: user.personalIdNumber ? maskPersonalIdNumber(user.personalIdNumber) : null,
    signatures: signatures.map((s) => ({
      id: s.id,
      purpose: s.purpose,
      text: typeof s.payload === "object" && s.payload && "text" in s.payload ? String(s.payload.text) : "",
      signedAt: s.signedAt,
    })),
  };
}
