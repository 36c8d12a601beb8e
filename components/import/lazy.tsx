"use client";
// The import dialog's mapping step and report, loaded when a file first reaches them: a visit that imports
// nothing never downloads them.
import dynamic from "next/dynamic";

function Loading() {
  return <p className="muted">Loading…</p>;
}

export const MappingStep = dynamic(() => import("./MappingStep"), { loading: Loading });
export const ImportReport = dynamic(() => import("./ImportReport"), { loading: Loading });
