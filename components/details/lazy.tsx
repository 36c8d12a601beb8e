"use client";
// The incident's fields, loaded when an incident is first chosen: a visit that reads none never downloads them.
import dynamic from "next/dynamic";

function Loading() {
  return <p className="muted">Loading…</p>;
}

export const IncidentDetails = dynamic(() => import("./IncidentDetails"), { loading: Loading });
