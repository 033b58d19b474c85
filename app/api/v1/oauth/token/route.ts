// POST /api/v1/oauth/token — third parties' OAuth 2.0 client-credentials tokens
// (src/server/third-party/token-endpoint.ts; docs/third-party-api.md).
import { handleTokenRequest } from "@/server/third-party/token-endpoint";

export const dynamic = "force-dynamic";

export const POST = (request: Request) => handleTokenRequest(request);
