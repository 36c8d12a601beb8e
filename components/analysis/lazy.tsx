"use client";
// The analysis panel, loaded when rings or hotspots are first switched on, and the distances' code (Turf),
// loaded when a reference point first needs it: most visits never open either.
import { useEffect, useState } from "react";
import { keepsPlacedDistances } from "@/lib/incident/placed";
import type { ReferenceFeature } from "@/lib/incident/reference";
import type { Measure } from "../explorer/selectors";
import LoadingPanel from "../layout/LoadingPanel";
import { lazyComponent } from "../layout/lazy";

export const AnalysisPanel = lazyComponent(() => import("./AnalysisPanel").then((m) => m.default), () => <LoadingPanel title="Analysis" />);

let measure: Measure | null = null;
let measureLoading: Promise<Measure> | null = null;
const loadMeasure = () => (measureLoading ??= import("@/lib/incident/place").then((m) => (measure = m.measuredFrom)));

/** A reference that keeps placing's distances measures nothing: the incidents as they are. */
const asPlaced: Measure = (incidents) => incidents;

/**
 * The reference point the page measures from and the function that measures. A reference that needs Turf
 * comes into force once Turf's code is here, so its name, its rings and the distances change together;
 * until then the one before stays (none at first).
 */
export function useMeasuredReference(wanted: ReferenceFeature | null): { reference: ReferenceFeature | null; measure: Measure } {
  const needed = !keepsPlacedDistances(wanted);
  const [loaded, setLoaded] = useState<Measure | null>(() => measure);
  const ready = !needed || loaded !== null;
  const [inForce, setInForce] = useState<ReferenceFeature | null>(() => (ready ? wanted : null));
  if (ready && inForce !== wanted) setInForce(wanted);
  useEffect(() => {
    if (!needed || loaded) return;
    let live = true;
    loadMeasure().then(
      (m) => live && setLoaded(() => m),
      () => (measureLoading = null), // asked again at the next reference
    );
    return () => {
      live = false;
    };
  }, [needed, loaded]);
  return { reference: ready ? wanted : inForce, measure: loaded ?? asPlaced };
}
