"use client";
// Checkpoints: a marker where a position is sourced or estimated (estimates drawn dashed), an area with
// a count where the source gives only a region, nothing where no position is known (those are listed in
// the layer panel instead). An area that carries a `label` (positions the source never gives) is drawn
// hatched and inert beneath the markers, its label set where the build found no incident.
import { useEffect, useMemo } from "react";
import L from "leaflet";
import { Marker, Pane, Polygon, Popup, useMap } from "react-leaflet";
import type { Position } from "geojson";
import { heldOn, type CheckpointCollection, type CheckpointFeature } from "@/lib/incident/context-layers";
import { polygonLatLngs, toLatLng } from "./latlng";
import { textElement } from "./text-element";

const HATCH_ID = "checkpoint-area-hatch";

/** The hatch pattern, in an SVG of its own: paths in any pane's renderer can fill with url(#id). */
function HatchDefs() {
  return (
    <svg className="checkpoint-hatch-defs" aria-hidden="true" width="0" height="0">
      <defs>
        <pattern id={HATCH_ID} width="9" height="9" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <line x1="0" y1="0" x2="0" y2="9" stroke="#4d4d4d" strokeWidth="1.5" strokeOpacity="0.45" />
        </pattern>
      </defs>
    </svg>
  );
}

// @option MIN_LABEL_WIDTH: number = 60 px, about the longest word of a label: a narrower area shows none.
const MIN_LABEL_WIDTH = 60;

/**
 * A permanent, inert label at `at`, wrapped to the area's width and shown only at zooms where it fits
 * inside `bounds` (at world zoom the area is a few pixels and its label would cover countries); text only.
 */
function AreaLabel({ at, text, bounds }: { at: Position; text: string; bounds: L.LatLngBounds }) {
  const map = useMap();
  useEffect(() => {
    const label = L.tooltip({ permanent: true, direction: "center", interactive: false, className: "checkpoint-area-label" })
      .setLatLng(toLatLng(at))
      .setContent(textElement("checkpoint-area-label__text", text));
    const fit = () => {
      const nw = map.latLngToContainerPoint(bounds.getNorthWest());
      const se = map.latLngToContainerPoint(bounds.getSouthEast());
      const [width, height] = [se.x - nw.x, se.y - nw.y];
      if (width < MIN_LABEL_WIDTH) {
        map.removeLayer(label);
        return;
      }
      // Measured while added, before the browser paints: a label that does not fit never shows.
      map.addLayer(label);
      const el = label.getElement()!;
      el.style.maxWidth = `${Math.floor(width)}px`;
      label.update();
      if (el.offsetWidth > width || el.offsetHeight > height) map.removeLayer(label);
    };
    fit();
    map.on("zoomend", fit);
    return () => {
      map.off("zoomend", fit);
      map.removeLayer(label);
    };
  }, [map, at, text, bounds]);
  return null;
}

/** An area no source places within it: hatched, inert (clicks reach what lies beneath), labelled. */
function UnplacedArea({ f, label, at }: { f: CheckpointFeature; label: string; at: Position }) {
  const g = f.geometry as Extract<CheckpointFeature["geometry"], { type: "Polygon" | "MultiPolygon" }>;
  const positions = useMemo(() => polygonLatLngs(g), [g]);
  const bounds = useMemo(() => L.polygon(positions).getBounds(), [positions]);
  return (
    <>
      <Polygon
        positions={positions}
        interactive={false}
        pathOptions={{ color: "#4d4d4d", weight: 1, opacity: 0.6, dashArray: "2 4", fillColor: `url(#${HATCH_ID})`, fillOpacity: 1 }}
        className="checkpoint-area checkpoint-area--unplaced"
      />
      <AreaLabel at={at} text={label} bounds={bounds} />
    </>
  );
}

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
      // 24 px: a fingertip's target (WCAG 2.2, 2.5.8); the symbol is drawn 16 px inside it (app/globals.css).
      sourced: L.divIcon({ className: "checkpoint-marker", iconSize: [24, 24] }),
      estimate: L.divIcon({ className: "checkpoint-marker checkpoint-marker--estimate", iconSize: [24, 24] }),
    }),
    [],
  );
  const unplaced = checkpoints.features.filter((f) => f.geometry && typeof f.properties.label === "string" && Array.isArray(f.properties.label_at));
  // Their own pane, after the incident markers' pane in the document, so Tab reaches incidents first.
  // Unplaced areas go lower still, beneath every other overlay, so they never cover what is drawn on them.
  return (
    <>
      <Pane name="checkpoint-areas" style={{ zIndex: 350 }}>
        <HatchDefs />
        {unplaced.map((f) => (
          <UnplacedArea key={f.properties.id} f={f} label={f.properties.label as string} at={f.properties.label_at as Position} />
        ))}
      </Pane>
      <Pane name="checkpoints" style={{ zIndex: 590 }}>
        {checkpoints.features.map((f) => {
          const g = f.geometry;
          if (!g || unplaced.includes(f)) return null;
          const p = f.properties;
          if (g.type === "Point") {
            return (
              <Marker key={p.id} position={toLatLng(g.coordinates)} icon={p.position === "estimate" ? icons.estimate : icons.sourced} title={p.name} keyboard>
                <CheckpointPopup f={f} day={day} />
              </Marker>
            );
          }
          const positions = polygonLatLngs(g);
          return (
            <Polygon key={p.id} positions={positions} pathOptions={{ color: "#4d4d4d", weight: 1.5, dashArray: "3 5", fillColor: "#4d4d4d", fillOpacity: 0.03 }} className="checkpoint-area">
              <CheckpointPopup f={f} day={day} />
            </Polygon>
          );
        })}
      </Pane>
    </>
  );
}
