"use client";
// The import dialog's mapping step, loaded when a file first reaches it: a visit that imports nothing never
// downloads it. The report stays in the first load: it must read whole the moment it appears.
import dynamic from "next/dynamic";

function Loading() {
  return <p className="muted">Loading…</p>;
}

export const MappingStep = dynamic(() => import("./MappingStep"), { loading: Loading });
