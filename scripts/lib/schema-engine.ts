// The WebAssembly build of Prisma's schema engine, for machines without the native engine.
// It computes migration SQL (`diff`) and compares a live database with schema.prisma.
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { SchemaEngine } from "@prisma/schema-engine-wasm";

// The engine reports Rust panics through this global; without it a panic hides its message.
const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(message: string): void } };
g.PRISMA_WASM_PANIC_REGISTRY ??= { set_message: (message) => console.error(`schema engine panic: ${message}`) };

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

type Field = { dataTypeID: number };
type Queryable = {
  performIO: (query: unknown) => Promise<{ fields: Field[] }>;
  queryRaw: (query: unknown) => Promise<{ columnTypes: number[] }>;
};
const CHARACTER_COLUMN = 6; // ColumnTypeEnum.Character in @prisma/driver-adapter-utils

// Introspection reads catalog columns of PostgreSQL's internal one-byte "char" type (contype,
// relkind, ...), which adapter-pg refuses. They arrive as strings; we let the adapter treat them as
// text and then tell the engine they are characters, which is what its describer expects.
function patchCharColumns(target: object) {
  let proto: object | null = target;
  while (proto && !Object.prototype.hasOwnProperty.call(proto, "performIO")) proto = Object.getPrototypeOf(proto);
  if (!proto || (proto as { __charPatched?: boolean }).__charPatched) return;
  const q = proto as Queryable;
  const performIO = q.performIO;
  const queryRaw = q.queryRaw;
  const charColumns = new WeakMap<object, number[]>();
  q.performIO = async function (this: object, query: unknown) {
    const result = await performIO.call(this, query);
    const indices: number[] = [];
    result.fields.forEach((field, i) => {
      if (field.dataTypeID === PG_CHAR_OID) {
        field.dataTypeID = PG_TEXT_OID;
        indices.push(i);
      }
    });
    charColumns.set(query as object, indices);
    return result;
  };
  q.queryRaw = async function (this: object, query: unknown) {
    const result = await queryRaw.call(this, query);
    for (const i of charColumns.get(query as object) ?? []) result.columnTypes[i] = CHARACTER_COLUMN;
    return result;
  };
  (proto as { __charPatched?: boolean }).__charPatched = true;
}

function adapterFor(connectionString: string) {
  const factory = new PrismaPg({ connectionString });
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    patchCharColumns(adapter);
    return adapter;
  };
  return bindMigrationAwareSqlAdapterFactory(factory);
}

const filters = { externalTables: [] as string[], externalEnums: [] as string[] };

export type Engine = {
  /** SQL that turns a database matching `from` into one matching `to` (empty string when equal). */
  diffDatamodels(from: string | null, to: string): Promise<string>;
  /** SQL that turns the live database into `schema` (empty when the database matches it exactly). */
  diffDatabaseToDatamodel(schema: string): Promise<string>;
  close(): void;
};

export async function openSchemaEngine(connectionString: string, schema: string): Promise<Engine> {
  const engine = await SchemaEngine.new({ datamodels: [["schema.prisma", schema]] }, () => {}, adapterFor(connectionString));
  const files = (content: string) => [{ path: "schema.prisma", content }];
  const isEmptyScript = (sql: string) => sql === "" || /^--\s*This is an empty migration\.?$/.test(sql);
  /** The SQL that takes `from` to `to`; "" when there is nothing to do. */
  const diffScript = async (from: Parameters<typeof engine.diff>[0]["from"], to: Parameters<typeof engine.diff>[0]["to"]) => {
    const r = await engine.diff({ from, to, script: true, exitCode: null, filters });
    const sql = (r.stdout ?? "").trim();
    return isEmptyScript(sql) ? "" : sql;
  };
  return {
    diffDatamodels(from, to) {
      return diffScript(from === null ? { tag: "empty" } : { tag: "schemaDatamodel", files: files(from) }, { tag: "schemaDatamodel", files: files(to) });
    },
    diffDatabaseToDatamodel(target) {
      return diffScript({ tag: "schemaDatasource", files: files(target), configDir: process.cwd() }, { tag: "schemaDatamodel", files: files(target) });
    },
    close() {
      engine.free();
    },
  };
}
