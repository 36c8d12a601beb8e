"use client";
// Checkpoints: a marker where a position is sourced or estimated (estimates drawn dashed), an area with
// a count where the source gives only a region, nothing where no position is known (those are listed in
// the layer panel instead).
import { useMemo } from "react";
import L from "leaflet";
import { Marker, Pane, Polygon, Popup } from "react-leaflet";
import { heldOn, type CheckpointCollection, type CheckpointFeature } from "@/lib/incident/context-layers";
import { toLatLng, toLatLngs } from "./latlng";

function CheckpointPopup({ f, day }: { f: CheckpointFeature; day: string | null }) {
  const p = f.properties;
  return (
    <Popup>
      <div className="context-popup">
        <strong>{p.name}</strong>
        {p.count > 1 && <div>{p.count} positions</div>}
        <div data-field="held-by">
          Held by {heldOn(p, day)} {day ? `on ${day}` : "at the last report"}
        </div>
        <div>Position: {p.position === "estimate" ? "estimated (no source gives it)" : p.position}</div>
        {p.changes.length > 0 && (
          <ul>
            {p.changes.map((c, i) => (
              <li key={i}>
                {c.date ?? "undated"}: {c.what} ({c.held_by})
              </li>
            ))}
          </ul>
        )}
        {p.notes && <div>{p.notes}</div>}
      </div>
    </Popup>
  );
}

export default function CheckpointLayer({ checkpoints, day }: { checkpoints: CheckpointCollection; day: string | null }) {
  const icons = useMemo(
    () => ({
      sourced: L.divIcon({ className: "checkpoint-marker", iconSize: [16, 16] }),
      estimate: L.divIcon({ className: "checkpoint-marker checkpoint-marker--estimate", iconSize: [16, 16] }),
    }),
    [],
  );
  // Their own pane, after the incident markers' pane in the document, so Tab reaches incidents first.
  return (
    <Pane name="checkpoints" style={{ zIndex: 590 }}>
      {checkpoints.features.map((f) => {
        const g = f.geometry;
        if (!g) return null;
        const p = f.properties;
        if (g.type === "Point") {
          return (
            <Marker key={p.id} position={toLatLng(g.coordinates)} icon={p.position === "estimate" ? icons.estimate : icons.sourced} title={p.name} keyboard>
              <CheckpointPopup f={f} day={day} />
            </Marker>
          );
        }
        const positions = g.type === "Polygon" ? toLatLngs(g.coordinates) : g.coordinates.map((poly) => toLatLngs(poly));
        return (
          <Polygon key={p.id} positions={positions} pathOptions={{ color: "#4d4d4d", weight: 1.5, dashArray: "3 5", fillColor: "#4d4d4d", fillOpacity: 0.03 }} className="checkpoint-area">
            <CheckpointPopup f={f} day={day} />
          </Polygon>
        );
      })}
    </Pane>
  );
}
