// POST /api/v1/oauth/token — third parties' OAuth 2.0 client-credentials tokens
// (src/server/third-party/token-endpoint.ts; docs/third-party-api.md).
import { refusingLargeBodies } from "@/server/boundary/read-body";
import { handleTokenRequest } from "@/server/third-party/token-endpoint";

export const dynamic = "force-dynamic";

// A body over the token endpoint's few KB is answered 413 before it is parsed.
export const POST = refusingLargeBodies((request: Request) => handleTokenRequest(request));
