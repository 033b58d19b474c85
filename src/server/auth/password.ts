// Password hashing with argon2id (OWASP parameters: 19 MiB memory, 2 iterations, 1 lane).
import { hash, verify } from "@node-rs/argon2";

// Algorithm.Argon2id; the package exports it as a const enum, which isolated modules cannot read.
const ARGON2ID = 2;

const options = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(passwordHash: string | null | undefined, password: string): Promise<boolean> {
  // Verify against a fixed hash when there is none, so a missing account costs the same time.
  const target = passwordHash ?? (await dummyHash());
  const ok = await verify(target, password).catch(() => false);
  return ok && Boolean(passwordHash);
}

let dummy: Promise<string> | undefined;
function dummyHash() {
  dummy ??= hash("not-a-real-password-but-same-cost", options);
  return dummy;
}
