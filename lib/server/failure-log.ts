// What the server log keeps of an unexpected error: where it happened, its kind, PostgreSQL's error code
// and the names of the constraint, table and column, and the stack's frames. Never a data value: a
// database error's message quotes the value it failed on (`invalid input syntax for type date: "…"`), its
// detail the row (`Key (slug)=(…) already exists`), and a JSON error the text it read, so quoted parts of
// the message are elided and the detail, hint, query and parameters are never written.
import "server-only";

const QUOTED = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|“[^”]*”/g;
// Frames enough to find the line; the rest is Node's and Next's.
const MAX_FRAMES = 8;
// The schema's names, which are not data; PostgreSQL sets them on the errors it raises.
const NAMES = ["code", "constraint", "table", "column", "routine"] as const;

/** The error's message with every quoted part elided. */
export const withoutValues = (message: string): string => message.replace(QUOTED, (q) => `${q[0]}…${q[q.length - 1]}`);

/** One entry for the log: `WHAT: Name: message (code 23505, constraint x)` then the stack's frames. */
export function failureEntry(what: string, err: unknown): string {
  if (!(err instanceof Error)) return `${what}: a thrown ${typeof err}`;
  const fields = err as unknown as Record<string, unknown>;
  const names = NAMES.filter((k) => typeof fields[k] === "string" && /^[\w.$-]{1,100}$/.test(fields[k] as string)).map((k) => `${k} ${fields[k] as string}`);
  const frames = (err.stack ?? "").split("\n").filter((l) => /^\s+at /.test(l)).slice(0, MAX_FRAMES);
  return [`${what}: ${err.name}: ${withoutValues(err.message)}${names.length ? ` (${names.join(", ")})` : ""}`, ...frames].join("\n");
}

/** Writes the error to the server log (stderr) without a data value. */
export function logFailure(what: string, err: unknown): void {
  console.error(failureEntry(what, err));
}
