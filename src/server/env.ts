import "server-only";
import { z } from "zod";
import { parseTrustedProxies } from "@/domain/http/client-address";

// Validated once at start-up; a missing or malformed variable stops the server with its name.
const emptyAsUndefined = (v: unknown) => (v === "" ? undefined : v);

const schema = z.object({
  DATABASE_URL: z.string().url("must be a postgresql:// URL"),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters (openssl rand -base64 32)"),
  APP_URL: z.string().url().default("http://localhost:3000"),
  SMTP_URL: z.string().default("smtp://127.0.0.1:2525"),
  MAIL_FROM: z.string().default("Mina sidor <no-reply@minasidor.example.com>"),
  SESSION_MAX_AGE_MINUTES: z.coerce.number().int().min(5).max(24 * 60).default(60),
  // The absolute end of a session however active it is (decision 011).
  SESSION_ABSOLUTE_HOURS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(30 * 24).default(12)),
  RESET_TOKEN_TTL_MINUTES: z.coerce.number().int().min(5).max(24 * 60).default(60),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).default(15),
  // E-legitimation broker (OpenID Connect). Unset: no e-legitimation (the start script runs a local
  // provider with test persons and sets these).
  ELEG_ISSUER: z.preprocess(emptyAsUndefined, z.string().url("must be the broker's issuer URL").optional()),
  ELEG_CLIENT_ID: z.preprocess(emptyAsUndefined, z.string().min(1).optional()),
  ELEG_CLIENT_SECRET: z.preprocess(emptyAsUndefined, z.string().min(1).optional()),
  ELEG_PROVIDER_NAME: z.preprocess(emptyAsUndefined, z.string().min(1).max(60).default("BankID")),
  // Third-party API (/api/v1): lifetime of access tokens, and requests per API client and minute.
  API_TOKEN_TTL_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(60).max(24 * 3600).default(900)),
  API_RATE_LIMIT_PER_MINUTE: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).default(120)),
  API_TOKEN_RATE_LIMIT_PER_MINUTE: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).default(30)),
  // Failed token requests per 15 minutes: beyond the first, the client address is refused before
  // any secret is checked; beyond the second, wrong secrets for that client id answer 429 (the right
  // one still works). See docs/third-party-api.md section 7.
  API_TOKEN_FAILURES_PER_ADDRESS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).default(20)),
  API_TOKEN_FAILURES_PER_CLIENT_ID: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).default(50)),
  // Webhooks (the worker): seconds a receiver has to answer, calls in flight per third party, and
  // calls in flight per worker process over all third parties.
  WEBHOOK_TIMEOUT_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(30).default(5)),
  WEBHOOK_CONCURRENCY_PER_THIRD_PARTY: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(16).default(2)),
  WEBHOOK_MAX_IN_FLIGHT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(256).default(16)),
  // Reverse proxies (addresses or CIDR ranges) whose X-Forwarded-For entries are believed. Unset:
  // the client's address is the socket's peer (src/domain/http/client-address.ts).
  TRUSTED_PROXIES: z.preprocess(emptyAsUndefined, z.string().optional()),
}).superRefine((v, ctx) => {
  try {
    parseTrustedProxies(v.TRUSTED_PROXIES);
  } catch (error) {
    ctx.addIssue({ code: "custom", path: ["TRUSTED_PROXIES"], message: (error as Error).message.replace(/^TRUSTED_PROXIES: /, "") });
  }
  if (!v.ELEG_ISSUER) return;
  for (const key of ["ELEG_CLIENT_ID", "ELEG_CLIENT_SECRET"] as const) {
    if (!v[key]) ctx.addIssue({ code: "custom", path: [key], message: "is required when ELEG_ISSUER is set" });
  }
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;
export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse({
    ...process.env,
    AUTH_SECRET: process.env.AUTH_SECRET ?? process.env.NEXTAUTH_SECRET,
    APP_URL: process.env.APP_URL ?? process.env.NEXTAUTH_URL,
  });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment (see .env.example):\n${lines}`);
  }
  cached = parsed.data;
  return cached;
}
