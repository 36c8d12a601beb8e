// A server's memory as the kernel counts it: the process and every descendant, from /proc (Linux only).
import { readdirSync, readFileSync } from "node:fs";

/** The process and its descendants (a server may fork), from /proc. */
function tree(pid: number): number[] {
  const out = [pid];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const children = readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim();
      for (const c of children ? children.split(/\s+/) : []) out.push(...tree(Number(c)));
    }
  } catch {
    // gone
  }
  return out;
}

/** Current RSS summed over the tree, and the largest peak (VmHWM) of any process in it, in MiB. */
export function treeMemory(pid: number): { rss: number; hwm: number } {
  let rss = 0;
  let hwm = 0;
  for (const p of tree(pid)) {
    try {
      const status = readFileSync(`/proc/${p}/status`, "utf8");
      rss += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
      hwm = Math.max(hwm, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
    } catch {
      // gone
    }
  }
  return { rss, hwm };
}

/** The tree's largest summed RSS and largest peak while `until` runs, sampled every 100 ms. */
export async function watchMemory(pid: number, until: Promise<unknown>): Promise<{ rss: number; hwm: number }> {
  let done = false;
  const stop = () => void (done = true);
  until.then(stop, stop);
  const peak = { rss: 0, hwm: 0 };
  while (!done) {
    const m = treeMemory(pid);
    peak.rss = Math.max(peak.rss, m.rss);
    peak.hwm = Math.max(peak.hwm, m.hwm);
    await new Promise((r) => setTimeout(r, 100));
  }
  return peak;
}
