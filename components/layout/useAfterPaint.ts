"use client";
// A value that follows `value` one painted frame late. The panels beside the map read their data through
// it, so when a large dataset or filter change arrives the map is painted first and the heavier facets,
// timeline and list follow in the next task, instead of holding back that first paint.
import { useEffect, useState } from "react";

export function useAfterPaint<T>(value: T): T {
  const [late, setLate] = useState(value);
  useEffect(() => {
    if (Object.is(late, value)) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // requestAnimationFrame runs just before the next paint; the timeout then runs just after it.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setLate(() => value), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [value, late]);
  return late;
}
