"use client";
// The incident's fields, loaded when an incident is first chosen: a visit that reads none never downloads them.
import { lazyComponent } from "../layout/lazy";

function Loading() {
  return <p className="muted">Loading…</p>;
}

export const IncidentDetails = lazyComponent(() => import("./IncidentDetails").then((m) => m.default), Loading);
