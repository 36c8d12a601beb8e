import { describe, expect, it } from "vitest";
import { MAX_YIELD_MS, PER_TURN, lightQuiet, lightRequest, turn } from "@/lib/server/turns";
import { Slice } from "@/lib/server/slices";

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("turn", () => {
  it("a lone request goes at once", async () => {
    await nextTurn();
    await nextTurn();
    expect(turn()).toBeUndefined();
  });

  it("a burst goes PER_TURN per event-loop turn, in arrival order", async () => {
    await nextTurn();
    await nextTurn();
    const order: number[] = [];
    const turnOf: number[] = [];
    let turns = 0;
    let counting = true;
    const count = () => {
      if (!counting) return;
      turns++;
      setImmediate(count);
    };
    setImmediate(count);
    const n = 5 * PER_TURN + 1;
    await Promise.all(
      Array.from({ length: n }, async (_, i) => {
        await turn();
        order.push(i);
        turnOf[i] = turns;
      }),
    );
    counting = false;
    expect(order).toEqual(Array.from({ length: n }, (_, i) => i));
    for (let t = 0; t <= turns; t++) expect(turnOf.filter((v) => v === t).length).toBeLessThanOrEqual(PER_TURN);
    expect(new Set(turnOf).size).toBeGreaterThanOrEqual(Math.ceil(n / PER_TURN));
  });

  it("waits while a light request is in flight, and goes when it ends", async () => {
    await nextTurn();
    await nextTurn();
    const done = lightRequest();
    let went = false;
    const waiting = Promise.resolve(turn()).then(() => (went = true));
    await new Promise((r) => setTimeout(r, MAX_YIELD_MS / 5));
    expect(went).toBe(false);
    done();
    done(); // ending it twice counts once
    await waiting;
    expect(went).toBe(true);
    expect(lightQuiet()).toBeUndefined();
  });

  it("waits at most MAX_YIELD_MS for light requests that do not end, at a turn and at a slice's end", async () => {
    const done = lightRequest();
    try {
      for (const wait of [() => turn(), () => new Slice().yield()]) {
        const t0 = performance.now();
        await wait();
        const waited = performance.now() - t0;
        expect(waited).toBeGreaterThanOrEqual(MAX_YIELD_MS - 2);
        expect(waited).toBeLessThan(MAX_YIELD_MS * 20);
      }
    } finally {
      done();
    }
  });
});
