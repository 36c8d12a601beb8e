import "server-only";
// What both engines give the store beyond the Db contract: one connection held for a run of statements
// that issue their own BEGIN/COMMIT (node-pg-migrate), and the value parsers both engines share.
import type { Db } from "./types";

/** A connection as node-pg-migrate drives it: text with or without $n parameters, several statements when there are none. */
export interface RawClient {
  query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[]; rowCount: number }>;
}

export interface Engine extends Db {
  /**
   * Runs `fn` with one connection of its own. `transactional` is false when `fn` may send BEGIN/COMMIT
   * itself (PostgreSQL); true when the engine wraps `fn` in a transaction and ignores fn's own (embedded).
   */
  session<T>(fn: (client: RawClient, transactional: boolean) => Promise<T>): Promise<T>;
}

// The same JavaScript values from both engines: ids and counts (bigint) as numbers, ids stay below 2^53;
// calendar days (date) as their ISO text, never a Date at some time zone's midnight.
export const INT8_OID = 20;
export const DATE_OID = 1082;
export const parseInt8 = (text: string): number => Number(text);
export const parseDate = (text: string): string => text;
