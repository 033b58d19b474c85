// Field names shared by the access forms (client components) and their server-side schemas
// (src/server/access/schemas.ts). Kept apart from the schemas so that zod stays out of the browser:
// its self-test probes `new Function`, which the pages' CSP refuses and reports.

/** Plain HTML forms post one checkbox per installation, named `inst_<installation id>`. */
export const INSTALLATION_FIELD_PREFIX = "inst_";
