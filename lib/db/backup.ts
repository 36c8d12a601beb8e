import "server-only";
// A dump of the whole store as NDJSON, one JSON value a line, and its restore into an empty database.
// The lines, in order: the header; every account (name, role, password hash: the dump is secret); each
// dataset's metadata (owner and shares by account name, link token hashes, its own description), then its source files
// (base64), then its incidents as GeoJSON features in seq order, one a line, exactly as stored; the end
// line with the counts, so a truncated file is refused. Times are UTC text to the microsecond, so
// backup → restore → backup gives the same bytes. Sessions are not kept: people sign in again.
import { createHash } from "node:crypto";
import type { IncidentFeature } from "../incident/model";
import { incidentIssues } from "../incident/validate";
import type { Db, Queryable } from "./types";
import { BATCH_ROWS, insertBatch, type StoredText } from "./incidents";

export const BACKUP_FORMAT = "daraa-incident-map-backup";
export const BACKUP_VERSION = 1;

export interface BackupCounts {
  accounts: number;
  datasets: number;
  incidents: number;
}

// @option PAGE_ROWS: number = 5000, incidents read a query while writing a dump
const PAGE_ROWS = 5000;

const utc = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const base64 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");

interface AccountLine { name: string; role: string; password_hash: string; created_at: string; disabled_at: string | null }
interface LinkLine { token_hash: string; created_at: string; revoked_at: string | null }
interface DatasetLine {
  slug: string; name: string; description: string; licence: string; source: string; visibility: string;
  owner: string | null; created_at: string; updated_at: string; shares: string[]; links: LinkLine[];
  /** Its own description as its owner stored it (dataset_descriptions), when it has one. */
  opens_with?: unknown;
}
interface SourceLine { name: string; media_type: string; sha256: string; added_at: string; content: string }

/** Writes the dump, line by line (each without its newline), from one snapshot of the store. */
export async function writeBackup(db: Db, write: (line: string) => void | Promise<void>): Promise<BackupCounts> {
  return db.transaction(async (tx) => {
    await tx.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    const counts: BackupCounts = { accounts: 0, datasets: 0, incidents: 0 };
    await write(JSON.stringify({ format: BACKUP_FORMAT, version: BACKUP_VERSION }));
    const accounts = await tx.query<AccountLine>(
      `SELECT name, role, password_hash, ${utc("created_at")} AS created_at, ${utc("disabled_at")} AS disabled_at FROM accounts ORDER BY id`,
    );
    for (const a of accounts.rows) {
      const account: AccountLine = { name: a.name, role: a.role, password_hash: a.password_hash, created_at: a.created_at, disabled_at: a.disabled_at };
      await write(JSON.stringify({ account }));
      counts.accounts++;
    }
    const datasets = await tx.query<Omit<DatasetLine, "shares" | "links"> & { id: number }>(
      `SELECT d.id, slug, d.name, description, licence, source, visibility, a.name AS owner,
        ${utc("d.created_at")} AS created_at, ${utc("d.updated_at")} AS updated_at
       FROM datasets d LEFT JOIN accounts a ON a.id = d.owner_id ORDER BY d.id`,
    );
    for (const d of datasets.rows) {
      await write(JSON.stringify({ dataset: await datasetLine(tx, d) }));
      counts.datasets++;
      const sources = await tx.query<Omit<SourceLine, "content"> & { content: Uint8Array }>(
        `SELECT name, media_type, sha256, ${utc("added_at")} AS added_at, content FROM dataset_sources WHERE dataset_id = $1 ORDER BY id`,
        [d.id],
      );
      for (const s of sources.rows) {
        const source: SourceLine = { name: s.name, media_type: s.media_type, sha256: s.sha256, added_at: s.added_at, content: base64(s.content) };
        await write(JSON.stringify({ source }));
      }
      for (let after = -1; ; ) {
        const page = await tx.query<{ seq: number; feature: string }>(
          "SELECT seq, feature::text AS feature FROM incidents WHERE dataset_id = $1 AND seq > $2 ORDER BY seq LIMIT $3",
          [d.id, after, PAGE_ROWS],
        );
        for (const row of page.rows) await write(row.feature);
        counts.incidents += page.rows.length;
        if (page.rows.length < PAGE_ROWS) break;
        after = page.rows[page.rows.length - 1].seq;
      }
    }
    await write(JSON.stringify({ end: counts }));
    return counts;
  });
}

async function datasetLine(tx: Queryable, d: Omit<DatasetLine, "shares" | "links"> & { id: number }): Promise<DatasetLine> {
  const shares = await tx.query<{ name: string }>(
    "SELECT a.name FROM dataset_shares s JOIN accounts a ON a.id = s.account_id WHERE s.dataset_id = $1 ORDER BY a.name",
    [d.id],
  );
  const links = await tx.query<{ token_hash: Uint8Array; created_at: string; revoked_at: string | null }>(
    `SELECT token_hash, ${utc("created_at")} AS created_at, ${utc("revoked_at")} AS revoked_at
     FROM dataset_links WHERE dataset_id = $1 ORDER BY created_at, token_hash`,
    [d.id],
  );
  const described = await tx.query<{ body: string }>("SELECT body::text AS body FROM dataset_descriptions WHERE dataset_id = $1", [d.id]);
  return {
    slug: d.slug, name: d.name, description: d.description, licence: d.licence, source: d.source, visibility: d.visibility,
    owner: d.owner, created_at: d.created_at, updated_at: d.updated_at,
    shares: shares.rows.map((s) => s.name),
    links: links.rows.map((l) => ({ token_hash: base64(l.token_hash), created_at: l.created_at, revoked_at: l.revoked_at })),
    ...(described.rows.length ? { opens_with: JSON.parse(described.rows[0].body) as unknown } : {}),
  };
}

export class RestoreError extends Error {
  constructor(line: number, message: string) {
    super(`line ${line}: ${message}`);
    this.name = "RestoreError";
  }
}

export interface RestoreOptions {
  // @option admins: boolean = false; a dump that makes an admin account is refused without it (a line added to
  // a dump would otherwise hand someone the server)
  admins?: boolean;
}

/** The accounts a dump adds, with their roles, read from its lines (for the restore command to show first). */
export async function dumpAccounts(lines: AsyncIterable<string> | Iterable<string>): Promise<{ name: string; role: string }[]> {
  const accounts: { name: string; role: string }[] = [];
  for await (const text of lines) {
    if (!text.startsWith('{"account"')) continue;
    try {
      const a = (JSON.parse(text) as { account: AccountLine }).account;
      accounts.push({ name: String(a.name), role: String(a.role) });
    } catch {
      // restoreBackup refuses the line, naming it.
    }
  }
  return accounts;
}

/**
 * Restores a dump into an empty, migrated store, in one transaction: all of it or, on any error (which
 * names the line), nothing. Refuses a store that holds any account or dataset, and an admin account
 * unless `options.admins`.
 */
export async function restoreBackup(db: Db, lines: AsyncIterable<string> | Iterable<string>, options: RestoreOptions = {}): Promise<BackupCounts> {
  // Taken before the first await: readline drops the lines it reads before its iterator exists.
  const input = Symbol.asyncIterator in lines ? lines[Symbol.asyncIterator]() : lines[Symbol.iterator]();
  const source = { [Symbol.asyncIterator]: () => input } as AsyncIterable<string>;
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ accounts: number; datasets: number }>(
      "SELECT (SELECT count(*) FROM accounts)::int AS accounts, (SELECT count(*) FROM datasets)::int AS datasets",
    );
    if (rows[0].accounts + rows[0].datasets > 0) {
      throw new Error(`the database is not empty (${rows[0].accounts} accounts, ${rows[0].datasets} datasets): restore into an empty one`);
    }
    const counts: BackupCounts = { accounts: 0, datasets: 0, incidents: 0 };
    const accountIds = new Map<string, number>();
    let dataset: { id: number; next: number } | null = null;
    let batch: { line: number; row: StoredText }[] = [];
    let ended = false;
    let n = 0;
    let header = false;

    const flush = async () => {
      if (batch.length === 0) return;
      const issues = incidentIssues({ type: "FeatureCollection", features: batch.map((b) => b.row.feature) });
      if (issues.length) {
        const i = Number(/^features\[(\d+)\]/.exec(issues[0].path)?.[1] ?? 0);
        throw new RestoreError(batch[i].line, `${issues[0].path.replace(/^features\[\d+\]\.?/, "") || "feature"} ${issues[0].message} (value: ${issues[0].value})`);
      }
      try {
        await insertBatch(tx, dataset!.id, dataset!.next, batch.map((b) => b.row));
      } catch (err) {
        throw new RestoreError(batch[0].line, `in the incidents of lines ${batch[0].line}–${batch[batch.length - 1].line}: ${(err as Error).message}`);
      }
      dataset!.next += batch.length;
      counts.incidents += batch.length;
      batch = [];
    };
    const accountId = (name: string, line: number) => {
      const id = accountIds.get(name);
      if (id === undefined) throw new RestoreError(line, `no account named ${JSON.stringify(name)} before this line`);
      return id;
    };

    for await (const text of source) {
      n++;
      if (text.trim() === "") continue;
      if (ended) throw new RestoreError(n, "data after the end line");
      let value: Record<string, unknown>;
      try {
        value = JSON.parse(text) as Record<string, unknown>;
      } catch (err) {
        throw new RestoreError(n, `not JSON: ${(err as Error).message}`);
      }
      if (!header) {
        header = true;
        if (value.format !== BACKUP_FORMAT || value.version !== BACKUP_VERSION) {
          throw new RestoreError(n, `not a ${BACKUP_FORMAT} version ${BACKUP_VERSION} header (value: ${text.slice(0, 100)})`);
        }
        continue;
      }
      if (value.type === "Feature") {
        if (!dataset) throw new RestoreError(n, "an incident before any dataset");
        batch.push({ line: n, row: { feature: value as unknown as IncidentFeature, text } });
        if (batch.length === BATCH_ROWS) await flush();
        continue;
      }
      await flush();
      try {
        await restoreLine(value, text);
      } catch (err) {
        throw err instanceof RestoreError ? err : new RestoreError(n, (err as Error).message);
      }
    }
    if (!header) throw new RestoreError(n, "empty file");
    if (!ended) throw new RestoreError(n, "the file ends before its end line: truncated");
    return counts;

    async function restoreLine(value: Record<string, unknown>, text: string): Promise<void> {
      if (value.account) {
        const a = value.account as AccountLine;
        if (a.role === "admin" && !options.admins) throw new RestoreError(n, `account ${JSON.stringify(String(a.name).slice(0, 64))} is an admin: restoring admins needs --yes`);
        const r = await tx.query<{ id: number }>(
          "INSERT INTO accounts (name, role, password_hash, created_at, disabled_at) VALUES ($1, $2, $3, $4::timestamptz, $5::timestamptz) RETURNING id",
          [a.name, a.role, a.password_hash, a.created_at, a.disabled_at],
        );
        accountIds.set(a.name, r.rows[0].id);
        counts.accounts++;
      } else if (value.dataset) {
        const d = value.dataset as DatasetLine;
        const r = await tx.query<{ id: number }>(
          `INSERT INTO datasets (slug, name, description, licence, source, visibility, owner_id, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8::timestamptz, $9::timestamptz) RETURNING id`,
          [d.slug, d.name, d.description, d.licence, d.source, d.visibility, d.owner === null ? null : accountId(d.owner, n), d.created_at, d.updated_at],
        );
        dataset = { id: r.rows[0].id, next: 0 };
        for (const name of d.shares) {
          await tx.query("INSERT INTO dataset_shares (dataset_id, account_id) VALUES ($1, $2)", [dataset.id, accountId(name, n)]);
        }
        for (const l of d.links) {
          await tx.query(
            "INSERT INTO dataset_links (token_hash, dataset_id, created_at, revoked_at) VALUES ($1, $2, $3::timestamptz, $4::timestamptz)",
            [Buffer.from(l.token_hash, "base64"), dataset.id, l.created_at, l.revoked_at],
          );
        }
        // Checked when it is served (lib/dataset/stored-description.ts), as any stored description is.
        if (d.opens_with !== undefined) await tx.query("INSERT INTO dataset_descriptions (dataset_id, body) VALUES ($1, $2::jsonb)", [dataset.id, JSON.stringify(d.opens_with)]);
        counts.datasets++;
      } else if (value.source) {
        if (!dataset) throw new RestoreError(n, "a source file before any dataset");
        const s = value.source as SourceLine;
        const content = Buffer.from(s.content, "base64");
        const sha256 = createHash("sha256").update(content).digest("hex");
        if (sha256 !== s.sha256) throw new RestoreError(n, `source ${JSON.stringify(s.name)}: content does not match its sha256 (value: ${s.sha256})`);
        await tx.query(
          "INSERT INTO dataset_sources (dataset_id, name, media_type, sha256, content, added_at) VALUES ($1, $2, $3, $4, $5, $6::timestamptz)",
          [dataset.id, s.name, s.media_type, sha256, content, s.added_at],
        );
      } else if (value.end) {
        const expected = value.end as BackupCounts;
        if (JSON.stringify(expected) !== JSON.stringify(counts)) {
          throw new RestoreError(n, `the end line counts ${JSON.stringify(expected)}, the file held ${JSON.stringify(counts)}`);
        }
        ended = true;
      } else {
        throw new RestoreError(n, `unknown line (value: ${text.slice(0, 100)})`);
      }
    }
  });
}
