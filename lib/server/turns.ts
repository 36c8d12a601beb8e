// Lets at most PER_TURN requests do their work per event-loop turn, the rest waiting in arrival order: Node
// accepts one new connection per turn, so turns that run every ready request leave a burst of new
// connections waiting in the kernel's accept queue, some past the client's timeout. A lone request never waits.
// Heavy work (a whole-dataset answer's pages, a save's slices) also lets light requests in flight finish
// first (lightQuiet): the server's one thread is otherwise shared evenly, and a geocoder lookup that needs
// a few turns waited behind a save slice and a reader's page in each.
import "server-only";
import { processCache } from "./process-cache";

// @option MAX_YIELD_MS: number = 50
// The longest heavy work waits at a turn for light requests in flight: a steady stream of them slows it, never stops it.
export const MAX_YIELD_MS = 50;

/** Light requests in flight, and the heavy work waiting for none to be: one count for the door and every route bundle. */
const light = () => processCache("light-requests", () => ({ inFlight: 0, waiting: [] as (() => void)[] }));

/**
 * Counts a light request (a page, the geocoder, a dataset list: a request that is not itself heavy work) in
 * flight; the function returned ends it (again: nothing).
 */
export function lightRequest(): () => void {
  const l = light();
  l.inFlight++;
  let open = true;
  return () => {
    if (!open) return;
    open = false;
    if (--l.inFlight === 0) for (const go of l.waiting.splice(0)) go();
  };
}

/** Resolves when no light request is in flight, or MAX_YIELD_MS after the call; undefined at once when none is. */
export function lightQuiet(): Promise<void> | undefined {
  const l = light();
  if (l.inFlight === 0) return undefined;
  return new Promise((resolve) => {
    const go = () => {
      clearTimeout(timer);
      const at = l.waiting.indexOf(go);
      if (at >= 0) l.waiting.splice(at, 1);
      resolve();
    };
    const timer = setTimeout(go, MAX_YIELD_MS);
    l.waiting.push(go);
  });
}

// @option PER_TURN: number = 1
// Requests that do their work per event-loop turn; the others wait, first come first served.
export const PER_TURN = 1;

let admitted = 0;
let turnScheduled = false;
const waiting: (() => void)[] = [];

function schedule(): void {
  if (turnScheduled) return;
  turnScheduled = true;
  setImmediate(nextTurn);
}

function nextTurn(): void {
  turnScheduled = false;
  admitted = 0;
  while (admitted < PER_TURN && waiting.length > 0) {
    admitted++;
    waiting.shift()!();
  }
  // Those let through here count against the next turn as well: the requests its poll phase reads
  // wait for its end, so a turn does about PER_TURN requests' work, never all that is ready.
  if (waiting.length > 0 || admitted > 0) schedule();
}

/**
 * Resolves when the caller may do its request's work: at once (undefined) while this turn has room and no
 * light request is in flight, else in a later turn (after lightQuiet), first come first served.
 */
export function turn(): Promise<void> | undefined {
  const quiet = lightQuiet();
  return quiet ? quiet.then(queued) : queued();
}

function queued(): Promise<void> | undefined {
  schedule();
  if (admitted < PER_TURN && waiting.length === 0) {
    admitted++;
    return undefined;
  }
  return new Promise((resolve) => waiting.push(resolve));
}
