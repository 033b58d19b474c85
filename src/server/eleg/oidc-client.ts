import "server-only";
import { Issuer, type BaseClient } from "openid-client";
import type { ElegConfig } from "./config";

// The portal's OpenID Connect client for signing (sign-in goes through next-auth, which uses the
// same library). `openid-client` checks state, nonce, PKCE, the response's `iss`, and the ID
// token's signature, issuer, audience and expiry.

const cache = globalThis as unknown as { minaSidorElegClients?: Map<string, Promise<BaseClient>> };

/** The client for the configured broker, from its discovery document (fetched once per process). */
export function elegClient(config: ElegConfig, redirectUri: string): Promise<BaseClient> {
  const clients = (cache.minaSidorElegClients ??= new Map());
  const key = `${config.issuer}|${config.clientId}|${redirectUri}`;
  let client = clients.get(key);
  if (!client) {
    client = Issuer.discover(`${config.issuer}/.well-known/openid-configuration`).then(
      (issuer) =>
        new issuer.Client({
          client_id: config.clientId,
          client_secret: config.clientSecret,
          redirect_uris: [redirectUri],
          response_types: ["code"],
          token_endpoint_auth_method: "client_secret_basic",
        }),
    );
    // A broker that was down is asked again next time.
    client.catch(() => clients.delete(key));
    clients.set(key, client);
  }
  return client;
}
