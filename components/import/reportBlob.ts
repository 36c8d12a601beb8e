// An import's report as the JSON text IndexedDB keeps (./importStore.ts), written in slices. A million-row
// import's report holds its flagged rows and the cells of up to 50,000 problem rows (millions of values):
// IndexedDB's structured clone of it held the page's thread for 1.2 s in one task; here it becomes a Blob of
// text a slice at a time, which IndexedDB stores without cloning anything.

// @option SLICE_MS: number = 10
// Longest stretch written before the page's thread is given back (well under a frame's 50 ms long task).
const SLICE_MS = 10;
// @option CHUNK: number = 500
// Items of an array written between two looks at the clock.
const CHUNK = 500;

const turn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** `value` as JSON text (as JSON.stringify writes it) in a Blob, the page's thread given back every `sliceMs`.
 *  A Blob inside `value` is taken as the JSON text of its value (the import worker's problem rows, ./import.worker.ts). */
export async function jsonBlobInSlices(value: unknown, sliceMs: number = SLICE_MS): Promise<Blob> {
  // The text so far: each slice's parts are put into it as the slice ends, so no one task copies all of it
  // (a Blob made of a Blob refers to its bytes; one made of 35 MB of strings at once took 110 ms).
  let parts: string[] = [];
  let blob = new Blob([]);
  let started = performance.now();
  const write = async (v: unknown): Promise<void> => {
    if (v instanceof Blob) {
      blob = new Blob([blob, ...parts, v]);
      parts = [];
    } else if (Array.isArray(v) && v.length > CHUNK) {
      parts.push("[");
      for (let from = 0; from < v.length; from += CHUNK) {
        if (performance.now() - started >= sliceMs) {
          blob = new Blob([blob, ...parts]);
          parts = [];
          await turn();
          started = performance.now();
        }
        // JSON.stringify of a slice: its items as the whole array's text has them (undefined → null).
        const text = JSON.stringify(v.slice(from, from + CHUNK));
        parts.push(from === 0 ? text.slice(1, -1) : "," + text.slice(1, -1));
      }
      parts.push("]");
    } else if (v !== null && typeof v === "object" && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype) {
      parts.push("{");
      let first = true;
      for (const [key, item] of Object.entries(v)) {
        // As JSON.stringify: a key whose value JSON has no text for is left out.
        if (item === undefined || typeof item === "function" || typeof item === "symbol") continue;
        parts.push((first ? "" : ",") + JSON.stringify(key) + ":");
        first = false;
        await write(item);
      }
      parts.push("}");
    } else parts.push(JSON.stringify(v) ?? "null");
  };
  await write(value);
  return new Blob([blob, ...parts], { type: "application/json" });
}
