"use client";
// The first-level division of each incident's point, for the incidents whose file gives none: asked of
// POST /api/geocode/divisions (the nearest GeoNames place's division, server side: the world gazetteer is
// too large for the page) in batches, once per incident id, and kept while the page lives.
import { useCallback, useEffect, useRef, useState } from "react";
import { divisionLabel, fileDivision } from "@/lib/analysis/summary";
import type { IncidentProperties } from "@/lib/incident/model";
import { askInSlices, forgetAsked, type LookupCache, type Wanted, type LookupDataset } from "./point-lookups";

// @option DIVISION_BATCH: number = 2000, the points in one request (the route takes at most 2000).
const DIVISION_BATCH = 2000;

/** The point's division of an incident of dataset `key`, named with the point's country: a name, null (in none), undefined (not known yet). */
export type PointDivision = (key: string, p: IncidentProperties) => string | null | undefined;

/** The divisions of `points`, in order, from the server; throws with the server's words on a refusal. */
async function askServer(points: [number, number][]): Promise<(string | null)[]> {
  const res = await fetch("/api/geocode/divisions", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ points }) });
  const body = (await res.json().catch(() => null)) as { divisions?: unknown; error?: unknown } | null;
  if (!res.ok) throw new Error(`divisions answered HTTP ${res.status}${typeof body?.error === "string" ? `: ${body.error.slice(0, 200)}` : ""}`);
  const divisions = Array.isArray(body?.divisions) ? (body.divisions as unknown[]) : [];
  if (divisions.length !== points.length) throw new Error(`divisions answered ${divisions.length} for ${points.length} points`);
  return divisions.map((d) => {
    const { division, countryName } = (typeof d === "object" && d !== null ? d : {}) as { division?: unknown; countryName?: unknown };
    return typeof division === "string" ? divisionLabel(division, typeof countryName === "string" ? countryName : null) : null;
  });
}

export function usePointDivisions(datasets: readonly LookupDataset[]): { divisionOf: PointDivision; failed: boolean } {
  const cache = useRef<LookupCache>(new Map());
  const live = useRef(true);
  const [version, setVersion] = useState(0);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  useEffect(() => {
    const known = cache.current;
    // Incidents at one point are asked once.
    const placeOf = (w: { at: readonly number[] }) => `${w.at[0]},${w.at[1]}`;
    const ask = async (wanted: readonly Wanted[]) => {
      const points = [...new Set(wanted.map(placeOf))];
      const answers = new Map<string, string | null>();
      let refused = false;
      for (let i = 0; i < points.length && live.current; i += DIVISION_BATCH) {
        const batch = points.slice(i, i + DIVISION_BATCH);
        try {
          const divisions = await askServer(batch.map((at) => at.split(",").map(Number) as [number, number]));
          batch.forEach((at, k) => answers.set(at, divisions[k]));
        } catch {
          // Counted as in no division, and said: a failed lookup must not leave the summary waiting.
          refused = true;
          batch.forEach((at) => answers.set(at, null));
        }
      }
      if (!live.current) {
        // Unmounted before the answers: forgotten, so that a remount (strict mode runs effects twice) asks again.
        forgetAsked(known, wanted);
        return;
      }
      for (const w of wanted) cache.current.get(w.key)?.set(w.id, answers.get(placeOf(w)) ?? null);
      if (refused) setFailed(true);
      setVersion((v) => v + 1);
    };
    return askInSlices(datasets, known, fileDivision, (wanted) => void ask(wanted));
  }, [datasets]);

  // A new function whenever answers arrive, so that the summaries recount.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const divisionOf = useCallback<PointDivision>((key, p) => cache.current.get(key)?.get(p.event_id), [version]);
  return { divisionOf, failed };
}
