// Lets at most PER_TURN requests do their work per event-loop turn, the rest waiting in arrival order: Node
// accepts one new connection per turn, so turns that run every ready request leave a burst of new
// connections waiting in the kernel's accept queue, some past the client's timeout. A lone request never waits.
import "server-only";

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
 * Resolves when the caller may do its request's work: at once (undefined) while this turn has room,
 * else in a later turn, first come first served.
 */
export function turn(): Promise<void> | undefined {
  schedule();
  if (admitted < PER_TURN && waiting.length === 0) {
    admitted++;
    return undefined;
  }
  return new Promise((resolve) => waiting.push(resolve));
}
