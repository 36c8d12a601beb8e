import "server-only";
// A dump written to a file (`npm run backup`): readable by its owner only (it holds password hashes), never
// over an existing file unless told, and appearing only when complete (written to FILE.partial, then
// renamed); a FILE.partial left by a run that died is replaced.
import { createWriteStream, existsSync, renameSync, rmSync } from "node:fs";
import { once } from "node:events";
import type { Db } from "./types";
import { writeBackup, type BackupCounts } from "./backup";

/** A refusal the command explains in one line (no stack trace). */
export class BackupFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupFileError";
  }
}

// @option DUMP_MODE: file mode = 0o600, owner read and write only
export const DUMP_MODE = 0o600;

export async function backupToFile(db: Db, file: string, options: { force?: boolean } = {}): Promise<BackupCounts> {
  if (existsSync(file) && !options.force) throw new BackupFileError(`${file} exists: choose another name, or add --force to replace it`);
  const partial = `${file}.partial`;
  // Left by a run that died: never a dump anyone relies on.
  rmSync(partial, { force: true });
  const out = createWriteStream(partial, { flags: "wx", mode: DUMP_MODE });
  const opened = once(out, "open");
  try {
    await opened;
    const counts = await writeBackup(db, async (line) => {
      if (!out.write(`${line}\n`)) await once(out, "drain");
    });
    out.end();
    await once(out, "finish");
    renameSync(partial, file);
    return counts;
  } catch (err) {
    out.destroy();
    rmSync(partial, { force: true });
    throw err;
  }
}
