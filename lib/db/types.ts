import "server-only";
// The database as the rest of the server sees it: SQL text with $1… parameters, the same dialect on both
// engines (PGlite embedded, PostgreSQL when DATABASE_URL is set).

export interface QueryResult<R> {
  rows: R[];
  /** Rows changed by INSERT/UPDATE/DELETE. */
  rowCount: number;
}

export interface Queryable {
  query<R = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<QueryResult<R>>;
  /**
   * Appends rows given in COPY's text format (lib/db/copy-text.ts) to `table`'s `columns`; returns how many.
   * Bytes (UTF-8) are moved to the store's thread, not copied: the caller must not use them afterwards.
   */
  copyIn(table: string, columns: readonly string[], rows: string | Uint8Array<ArrayBuffer>): Promise<number>;
}

/** A copyFields answer: the fields' bytes and how many fields. */
export interface Fields {
  bytes: Uint8Array<ArrayBuffer>;
  rows: number;
}

export interface Db extends Queryable {
  /** "embedded": PGlite in a folder under data/; "postgres": a server reached through DATABASE_URL. */
  readonly engine: "embedded" | "postgres";
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * The bytes `COPY (select) TO … (FORMAT binary)` writes, in chunks as they come, on a connection of its
   * own; `select` has its values written in (COPY takes no parameters). Leaving early frees the connection.
   * A `bounded` read (a LIMIT the caller set, e.g. a map view's answer) never waits behind whole-dataset reads.
   */
  copyOut(select: string, bounded?: boolean): AsyncIterable<Uint8Array>;
  /**
   * The one column `select` reads (none null), its values' bytes joined by commas (one before the first
   * too when `leadingComma`), as copyOut reads them whole but without COPY's framing: the store's thread
   * strips it. A whole-dataset read: it waits its turn as copyOut does.
   */
  copyFields(select: string, leadingComma: boolean): Promise<Fields>;
  close(): Promise<void>;
}

export interface OpenOptions {
  // @option url: string | undefined = process.env.DATABASE_URL, a postgres:// URL; without one the embedded engine is used
  url?: string;
  // @option dataDir: string = $DATA_DIR, else "data/db" under the project root, the embedded engine's folder
  dataDir?: string;
  // @option migrate: boolean = true, run pending migrations before returning
  migrate?: boolean;
  // @option seed: boolean = true, seed the Daraa dataset from geodata/ when it is missing
  seed?: boolean;
}
