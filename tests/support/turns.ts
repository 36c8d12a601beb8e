// How often other work got a turn while `work` ran, with the clock made to say each step took a whole slice
// (lib/server/slices.ts): sliced code then yields at every step, and the count shows where it does.
import { vi } from "vitest";

export async function turnsDuring<T>(work: () => Promise<T>): Promise<{ result: T; turns: number }> {
  let clock = 0;
  const now = vi.spyOn(performance, "now").mockImplementation(() => (clock += 1000));
  let turns = 0;
  let running = true;
  const count = () => {
    turns++;
    if (running) setImmediate(count);
  };
  setImmediate(count);
  try {
    return { result: await work(), turns };
  } finally {
    running = false;
    now.mockRestore();
  }
}
