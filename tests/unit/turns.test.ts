import { describe, expect, it } from "vitest";
import { PER_TURN, turn } from "@/lib/server/turns";

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
});
