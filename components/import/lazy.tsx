"use client";
// The import dialog's mapping step, loaded when a file first reaches it, and the import's report, loaded as
// soon as a file is being read: a visit that imports nothing downloads neither.
import dynamic from "next/dynamic";
import { useEffect, useState } from "react";

function Loading() {
  return <p className="muted">Loading…</p>;
}

export const MappingStep = dynamic(() => import("./MappingStep"), { loading: Loading });

type ReportModule = typeof import("./ImportReport");
type Report = ReportModule["default"];
let report: Report | null = null;
let reportLoading: Promise<Report> | null = null;
const loadReport = () => (reportLoading ??= import("./ImportReport").then((m) => (report = m.default)));

/** Where a report would be when its code could not be loaded: said, rather than no report at all. */
function ReportNotLoaded() {
  return <p className="error">This import&apos;s report could not be loaded: reload the page to read it.</p>;
}

/**
 * The report's component once its code is here, else null; its code is asked for while `wanted`. The page
 * shows the reports only with it, so a report reads whole the moment it appears (a refused file is reported
 * within milliseconds of being picked).
 */
export function useImportReport(wanted: boolean): Report | null {
  const [loaded, setLoaded] = useState<Report | null>(() => report);
  useEffect(() => {
    if (!wanted || loaded) return;
    let live = true;
    loadReport().then(
      (r) => live && setLoaded(() => r),
      () => live && setLoaded(() => ReportNotLoaded),
    );
    return () => {
      live = false;
    };
  }, [wanted, loaded]);
  return loaded;
}
