import { inject } from "vitest";

// Server modules read DATABASE_URL when they are first imported.
process.env.DATABASE_URL = inject("databaseUrl");
process.env.AUTH_SECRET ??= "integration-test-secret-at-least-32-characters";
process.env.APP_URL ??= "http://localhost:3000";
