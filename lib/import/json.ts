// JSON with a depth limit enforced before parsing: a linear scan over the text counts `[` and `{` outside
// strings and stops at the first one beyond the limit, so a hostile `[[[[…]]]]` never reaches JSON.parse
// (nor the recursive walks that would follow it).

export type JsonRead = { ok: true; value: unknown } | { ok: false; message: string };

/** Character offset of the first `[` or `{` nested deeper than `maxDepth`, or -1. */
export function depthExceededAt(text: string, maxDepth: number): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > maxDepth) return i;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return -1;
}

/** Parses JSON text no deeper than `maxDepth`; never throws. */
export function parseBoundedJson(text: string, maxDepth: number): JsonRead {
  const at = depthExceededAt(text, maxDepth);
  if (at !== -1) return { ok: false, message: `nested deeper than ${maxDepth} levels (at character ${at}); refused before parsing` };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    // The engine's message names the position ("Unexpected token } in JSON at position 12"): keep it.
    return { ok: false, message: `not valid JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
}
