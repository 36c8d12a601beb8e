"use client";
// The import dialog's mapping step, loaded when a file first reaches it, and the import's report, loaded
// as soon as a file is being read (components/import/ImportPanel.tsx), long before it can appear: a visit
// that imports nothing downloads neither.
import dynamic from "next/dynamic";

function Loading() {
  return <p className="muted">Loading…</p>;
}

export const MappingStep = dynamic(() => import("./MappingStep"), { loading: Loading });

export const loadImportReport = () => import("./ImportReport");
export const ImportReport = dynamic(loadImportReport, { loading: Loading });
