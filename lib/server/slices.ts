// Long work on the server's one thread done in slices, the event loop serving other requests between them.
import "server-only";

// @option SLICE_MS: number = 20, the longest a request's work runs before other requests get a turn
export const SLICE_MS = 20;

/** The time since other requests last had a turn. */
export class Slice {
  private start = performance.now();

  /** Whether SLICE_MS have passed since the last turn. */
  get spent(): boolean {
    return performance.now() - this.start >= SLICE_MS;
  }

  /** Lets the event loop serve other requests, then starts a new slice. */
  async yield(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    this.start = performance.now();
  }
}

/** Runs `steps` to their end, letting the event loop serve other requests every SLICE_MS. */
export async function inSlices(steps: Iterator<unknown>): Promise<void> {
  const slice = new Slice();
  while (!steps.next().done) if (slice.spent) await slice.yield();
}
