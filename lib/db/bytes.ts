import "server-only";
// Byte chunks joined into one buffer of its own: never a slice of Node's shared pool (as Buffer.concat's small
// results are), so it can be moved to another thread.

/** `parts` one after another, in a new buffer. */
export function joinedBytes(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
