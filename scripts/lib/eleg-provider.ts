// A local OpenID Connect provider in the role of an e-legitimation broker (BankID, Freja, MitID)
// for development and tests. The tester picks a test person (src/fixtures/eleg-test-persons.ts)
// on a plain HTML page; for a signing, the page shows the text to sign first. Tokens carry the
// person's personal identity number in `sub` and `personal_identity_number`, like brokers do.
//
// Started by scripts/start.ts when ELEG_ISSUER is not set. Never for production: there is no
// authentication at all, only a choice of person.
import { createHash, generateKeyPairSync, randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type OidcContext } from "oidc-provider";
import { elegTestPersons, fullName, type ElegTestPerson } from "../../src/fixtures/eleg-test-persons";
import { fromBase64Url, MAX_SIGN_TEXT_LENGTH, PERSON_CLAIM, SIGN_TEXT_PARAM, SIGNED_TEXT_CLAIM } from "../../src/lib/eleg-protocol";

const DEV_ELEG_CLIENT_ID = "mina-sidor";
const DEV_ELEG_CLIENT_SECRET = "mina-sidor-local-eleg-secret";
const DEFAULT_ELEG_PORT = 3901;

export type ElegProviderOptions = {
  /** Port to listen on; 0 picks a free one. Default 3901, or a free port when 3901 is taken. */
  port?: number;
  /** The portal's public address; the client's redirect URIs are derived from it. */
  appUrl: string;
  clientId?: string;
  clientSecret?: string;
  persons?: readonly ElegTestPerson[];
};

export type ElegProvider = { issuer: string; port: number; clientId: string; clientSecret: string; stop: () => Promise<void> };

const SIGNING_TTL_MS = 10 * 60_000;

export async function startElegProvider(options: ElegProviderOptions): Promise<ElegProvider> {
  const persons = options.persons ?? elegTestPersons;
  const clientId = options.clientId ?? DEV_ELEG_CLIENT_ID;
  const clientSecret = options.clientSecret ?? DEV_ELEG_CLIENT_SECRET;
  const appUrl = options.appUrl.replace(/\/$/, "");

  // eslint-disable-next-line prefer-const -- assigned once the server listens; a request before that gets 503, not a TDZ error
  let provider: Provider | undefined;
  const server = createServer((req, res) => {
    if (!provider) return void res.writeHead(503).end();
    if (req.url?.startsWith("/interaction/")) {
      interaction(provider, req, res).catch((error: unknown) => {
        console.error("e-legitimation provider: interaction failed", error);
        if (!res.headersSent) page(res, 400, "Något gick fel", `<p>${esc(error instanceof Error ? error.message : "Okänt fel")}</p>`);
      });
      return;
    }
    provider.callback()(req, res);
  });
  const port = await listen(server, options.port ?? DEFAULT_ELEG_PORT, options.port === undefined);
  const issuer = `http://localhost:${port}`;

  // What each signing showed, by person and nonce, until the code is exchanged for an ID token.
  const signedTexts = new Map<string, { sha256: string; expires: number }>();
  const jwk = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" });

  provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [`${appUrl}/api/auth/callback/eleg`, `${appUrl}/api/eleg/sign/callback`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    jwks: { keys: [{ ...jwk, kid: randomUUID(), use: "sig", alg: "RS256" }] },
    cookies: {
      keys: [randomBytes(32).toString("base64url")],
      // Cookies are per host, not per port: keep clear of anything else on localhost.
      names: { session: "_eleg_session", interaction: "_eleg_interaction", resume: "_eleg_interaction_resume" },
    },
    claims: {
      openid: ["sub", SIGNED_TEXT_CLAIM],
      profile: ["name", "given_name", "family_name", PERSON_CLAIM],
    },
    // The portal reads everything from the ID token (next-auth `idToken: true`), as brokers allow.
    conformIdTokenClaims: false,
    extraParams: [SIGN_TEXT_PARAM],
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    // A first-party client: no consent screen.
    async loadExistingGrant(ctx: OidcContext) {
      const { client, session, result } = ctx.oidc;
      const grantId = result?.consent?.grantId ?? (client ? session?.grantIdFor(client.clientId) : undefined);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: client?.clientId, accountId: session?.accountId });
      grant.addOIDCScope("openid profile");
      await grant.save();
      return grant;
    },
    async findAccount(_ctx: unknown, sub: string, token?: { nonce?: string }) {
      const person = persons.find((p) => p.personalIdNumber === sub);
      if (!person) return undefined;
      return {
        accountId: sub,
        claims() {
          const signed = token?.nonce ? signedTexts.get(`${sub}|${token.nonce}`) : undefined;
          return {
            sub,
            [PERSON_CLAIM]: person.personalIdNumber,
            name: fullName(person),
            given_name: person.givenName,
            family_name: person.familyName,
            ...(signed && signed.expires > Date.now() ? { [SIGNED_TEXT_CLAIM]: signed.sha256 } : {}),
          };
        },
      };
    },
    async renderError(ctx: { type: string; body: string }, out: Record<string, string>) {
      ctx.type = "html";
      ctx.body = layout("Fel", `<h1>Något gick fel</h1>${Object.entries(out).map(([k, v]) => `<p><strong>${esc(k)}</strong>: ${esc(String(v))}</p>`).join("")}`);
    },
  });

  async function interaction(p: Provider, req: IncomingMessage, res: ServerResponse) {
    const details = await p.interactionDetails(req, res);
    const signText = decodeSignText(details.params[SIGN_TEXT_PARAM]);
    if (req.method === "GET") {
      if (details.prompt.name !== "login") {
        // Consent is granted by loadExistingGrant; anything else finishes as it stands.
        return p.interactionFinished(req, res, {}, { mergeWithLastSubmission: true });
      }
      return page(res, 200, signText === null ? "Legitimera dig" : "Signera", choosePersonForm(details.uid, persons, signText));
    }
    if (req.method !== "POST") return void res.writeHead(405).end();
    const form = new URLSearchParams(await readBody(req));
    if (form.get("action") === "cancel") {
      return p.interactionFinished(req, res, { error: "access_denied", error_description: "Avbrutet av användaren" }, { mergeWithLastSubmission: false });
    }
    const person = persons.find((x) => x.personalIdNumber === form.get("person"));
    if (!person) return page(res, 400, "Välj en person", `<p>Välj en testperson.</p><p><a href="/interaction/${esc(details.uid)}">Tillbaka</a></p>`);
    if (signText !== null && details.params.nonce) {
      const now = Date.now();
      for (const [key, value] of signedTexts) if (value.expires < now) signedTexts.delete(key);
      const sha256 = createHash("sha256").update(signText, "utf8").digest("hex");
      signedTexts.set(`${person.personalIdNumber}|${details.params.nonce}`, { sha256, expires: now + SIGNING_TTL_MS });
    }
    await p.interactionFinished(
      req,
      res,
      { login: { accountId: person.personalIdNumber, amr: [signText === null ? "bankid" : "bankid-sign"] } },
      { mergeWithLastSubmission: false },
    );
  }

  return {
    issuer,
    port,
    clientId,
    clientSecret,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function decodeSignText(encoded: string | undefined): string | null {
  if (!encoded) return null;
  const text = fromBase64Url(encoded);
  if (!text.trim() || text.length > MAX_SIGN_TEXT_LENGTH) throw new Error("Texten att signera saknas eller är för lång.");
  return text;
}

async function listen(server: Server, port: number, fallBackToFree: boolean): Promise<number> {
  const attempt = (p: number) =>
    new Promise<number>((resolve, reject) => {
      server.once("error", reject);
      server.listen(p, "127.0.0.1", () => {
        server.off("error", reject);
        resolve((server.address() as AddressInfo).port);
      });
    });
  try {
    return await attempt(port);
  } catch (error) {
    // Two checkouts (or a test run next to the demo) each get their own provider.
    if (fallBackToFree && (error as NodeJS.ErrnoException).code === "EADDRINUSE") return attempt(0);
    throw error;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > 64 * 1024) req.destroy(new Error("Request body too large"));
      else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const formatPnr = (p: string) => `${p.slice(0, 8)}-${p.slice(8)}`;

function choosePersonForm(uid: string, persons: readonly ElegTestPerson[], signText: string | null): string {
  const options = persons
    .map((p) => `<option value="${esc(p.personalIdNumber)}">${esc(fullName(p))}, ${esc(formatPnr(p.personalIdNumber))} (${esc(p.note)})</option>`)
    .join("");
  const signing =
    signText === null
      ? ""
      : `<h2 id="text-heading">Text att signera</h2>
         <blockquote aria-labelledby="text-heading" class="text">${esc(signText).replace(/\n/g, "<br>")}</blockquote>
         <p>Genom att signera intygar du att du har läst texten och godkänner den.</p>`;
  return `
    <h1>${signText === null ? "Legitimera dig med e-legitimation" : "Signera med e-legitimation"}</h1>
    <p class="notice">Lokal testleverantör för utveckling och test. Ingen riktig BankID: välj en testperson.</p>
    ${signing}
    <form method="post" action="/interaction/${esc(uid)}/login">
      <label for="person">Testperson</label>
      <select id="person" name="person" required>${options}</select>
      <div class="buttons">
        <button type="submit" name="action" value="login" class="primary">${signText === null ? "Legitimera" : "Signera"}</button>
        <button type="submit" name="action" value="cancel" formnovalidate>Avbryt</button>
      </div>
    </form>`;
}

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} – e-legitimation (test)</title>
<style>
  body { font-family: system-ui, sans-serif; background: #f1f5f9; color: #0f172a; margin: 0; }
  main { max-width: 34rem; margin: 3rem auto; background: #fff; border: 1px solid #cbd5e1; border-radius: .5rem; padding: 2rem; }
  h1 { font-size: 1.5rem; margin-top: 0; } h2 { font-size: 1.1rem; }
  .notice { background: #fef3c7; border: 1px solid #b45309; border-radius: .375rem; padding: .5rem .75rem; font-size: .9rem; }
  .text { white-space: normal; background: #f8fafc; border-left: 4px solid #075985; margin: 0 0 1rem; padding: .75rem 1rem; }
  label { display: block; font-weight: 600; margin: 1rem 0 .25rem; }
  select { width: 100%; padding: .5rem; font-size: 1rem; border: 1px solid #64748b; border-radius: .375rem; }
  .buttons { display: flex; gap: .75rem; margin-top: 1.25rem; }
  button { font-size: 1rem; padding: .5rem 1rem; border-radius: .375rem; border: 1px solid #64748b; background: #fff; cursor: pointer; }
  button.primary { background: #075985; border-color: #075985; color: #fff; font-weight: 600; }
  button:focus, select:focus { outline: 3px solid #0284c7; outline-offset: 2px; }
</style>
</head>
<body><main>${body}</main></body>
</html>`;
}

function page(res: ServerResponse, status: number, title: string, body: string) {
  res.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
  res.end(layout(title, body));
}
