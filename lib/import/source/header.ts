// Column names from a header row, as CSV and xlsx write them: a blank name becomes "column N", a repeated one
// "NAME (2)", and a name that is reserved in JavaScript (`__proto__`, `constructor`, …) is left out with a
// warning, so no later step can build an object keyed by it.
import { showValue } from "../../incident/validate";
import { unsafeKeyReason } from "../keys";

export interface Header {
  /** The names kept, unique. */
  columns: string[];
  /** For each kept column, its index in the file's row. */
  index: number[];
  warnings: string[];
}

/** Names the first `width` cells of a header row (cells past its end are unnamed). */
export function nameColumns(raw: readonly string[], width: number): Header {
  const columns: string[] = [];
  const index: number[] = [];
  const warnings: string[] = [];
  const blank: number[] = [];
  const repeated: string[] = [];
  const used = new Set<string>();
  for (let i = 0; i < width; i++) {
    const name = raw[i] ?? "";
    if (name.trim() === "") {
      blank.push(i + 1);
    } else {
      const reason = unsafeKeyReason(name);
      if (reason) {
        warnings.push(`column ${i + 1} (${showValue(name)}) was ignored: its name is ${reason}`);
        continue;
      }
    }
    let unique = name.trim() === "" ? `column ${i + 1}` : name;
    if (used.has(unique)) {
      let n = 2;
      while (used.has(`${name} (${n})`)) n++;
      unique = `${name} (${n})`;
      repeated.push(unique);
    }
    used.add(unique);
    columns.push(unique);
    index.push(i);
  }
  if (blank.length > 0) warnings.push(`${blank.length === 1 ? "a column has" : `${blank.length} columns have`} no name in the header; named by position (${blank.slice(0, 5).map((n) => `column ${n}`).join(", ")}${blank.length > 5 ? ", …" : ""})`);
  if (repeated.length > 0) warnings.push(`the header repeats column names; the later ones were renamed ${repeated.slice(0, 5).map((n) => `"${n}"`).join(", ")}${repeated.length > 5 ? ", …" : ""}`);
  return { columns, index, warnings };
}
