import "server-only";
// A statement's $1… parameters written into its text, for COPY, which takes none: numbers as JavaScript
// writes them (float8 reads them back exactly), text dollar-quoted (taken as it is, whatever it holds),
// arrays as ARRAY[…]. The planner sees constants, as it sees an unnamed statement's parameters.

/** One value as an SQL constant. @throws RangeError for a number that is not finite or a value of another kind */
export function sqlLiteral(value: unknown): string {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError(`SQL parameter: not a finite number (value: ${value})`);
    return `(${value})`;
  }
  if (typeof value === "string") {
    // A tag the text does not hold: the text then cannot end the quote.
    let tag = "$v$";
    for (let n = 0; value.includes(tag.slice(0, -1)); n++) tag = `$v${n}$`;
    return `${tag}${value}${tag}`;
  }
  if (Array.isArray(value)) return `ARRAY[${value.map(sqlLiteral).join(", ")}]`;
  throw new RangeError(`SQL parameter: neither a number, a text nor an array (value: ${String(value)})`);
}

/** `text` with each $n replaced by params[n - 1] as an SQL constant (text written by lib/db's own builders). */
export function inlineParams(text: string, params: readonly unknown[]): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const i = Number(n) - 1;
    if (!(i in params)) throw new RangeError(`SQL parameter $${n}: not given (${params.length} given)`);
    return sqlLiteral(params[i]);
  });
}
