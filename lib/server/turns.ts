// Rations request work across event-loop turns, so that a burst of new connections gets accepted.
//
// Node ≥ 20 (libuv ≥ 1.45) accepts at most ONE new connection per event-loop turn, and a turn also runs
// every request that is ready on the connections already accepted. Under `next start` a request costs
// ~0.8 ms of the one JS thread (more while cold; Next's pipeline is ~2× a bare node:http handler), so
// with N busy keep-alive connections a turn lasts about N × 0.8 ms, and the rest of a burst waits in the
// kernel's accept queue: of 200 connections opened at once, 10–80 were accepted at once, then one every
// 80–200 ms, and the last ones only after the client's 10 s timeout, their requests never read.
// Letting at most PER_TURN requests do their work per turn, the others waiting in arrival order for the
// turns that follow (setImmediate), keeps a turn to a few ms whatever the number of connections, so the
// accept queue drains within a second; the waiting moves from the kernel's queue to this one, in order.
// The total work and the throughput are unchanged; a lone request never waits.
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
