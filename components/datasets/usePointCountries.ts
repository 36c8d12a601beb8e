"use client";
// The country each incident's point lies in, for the incidents whose file gives none: looked up once per
// incident id in a Web Worker (./places.worker.ts), started only when some dataset lacks countries, and kept
// while the page lives, so a filter change recounts without looking anything up again.
import { useCallback, useEffect, useRef, useState } from "react";
import { fileCountry } from "@/lib/analysis/summary";
import type { IncidentProperties } from "@/lib/incident/model";
import { askInSlices, type LookupCache, type LookupDataset } from "./point-lookups";
import type { PlacesReply, PlacesRequest } from "./places.worker";

/** The point's country of an incident of dataset `key`: a name, null (in none), undefined (not known yet). */
export type PointCountry = (key: string, p: IncidentProperties) => string | null | undefined;

export function usePointCountries(datasets: readonly LookupDataset[]): PointCountry {
  // dataset key → event id → country; an entry set to undefined is asked and not answered yet.
  const cache = useRef<LookupCache>(new Map());
  const asked = useRef(new Map<number, { key: string; id: string }[]>());
  const worker = useRef<Worker | null>(null);
  const seq = useRef(0);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    // The worker too starts only when some point is to be looked up: country-coder is 700 kB of code.
    return askInSlices(datasets, cache.current, fileCountry, (wanted) => {
      if (!worker.current) {
        const w = new Worker(new URL("./places.worker.ts", import.meta.url));
        w.onmessage = (e: MessageEvent<PlacesReply>) => {
          const entries = asked.current.get(e.data.seq);
          if (!entries) return;
          asked.current.delete(e.data.seq);
          entries.forEach(({ key, id }, i) => cache.current.get(key)?.set(id, e.data.countries[i]));
          setVersion((v) => v + 1);
        };
        worker.current = w;
      }
      const points = new Float64Array(wanted.length * 2);
      wanted.forEach(({ at }, i) => {
        points[2 * i] = at[0];
        points[2 * i + 1] = at[1];
      });
      seq.current += 1;
      asked.current.set(seq.current, wanted.map(({ key, id }) => ({ key, id })));
      worker.current.postMessage({ seq: seq.current, points } satisfies PlacesRequest, [points.buffer]);
    });
  }, [datasets]);

  useEffect(
    () => () => {
      worker.current?.terminate();
      worker.current = null;
      // Questions the stopped worker will not answer are asked again by the next worker.
      for (const entries of asked.current.values()) for (const { key, id } of entries) cache.current.get(key)?.delete(id);
      asked.current.clear();
    },
    [],
  );

  // A new function whenever an answer arrives, so that the summaries recount.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const countryOf = useCallback<PointCountry>((key, p) => cache.current.get(key)?.get(p.event_id), [version]);
  return countryOf;
}
