// The Leaflet markers of lib/display/view-markers.ts's ViewMarkers: built once per key, restyled in place
// when only their look changes. Every attribute and style is set as a value, never parsed as markup.
import L from "leaflet";
import type { Position } from "geojson";
import type { PlacedIncident } from "@/lib/incident/place";
import type { CategoryStyles } from "@/lib/display/event-style";
import type { ClusterItem } from "@/lib/display/cluster";
import { MARKER_SIZE } from "@/lib/display/colocate";
import type { ClusterMarker, IncidentMarker, ViewMarker } from "@/lib/display/view-markers";
import { toLatLng } from "./latlng";
import { textElement } from "./text-element";

// The symbol is drawn 18 px inside MARKER_SIZE's hit area (app/globals.css, .incident-marker's --pad).

// Stacking: clusters (500) above plain markers, so an open stack never covers a neighbouring cluster;
// an open stack's members (700) above the clusters so each can be clicked; the selection above all.
const Z_CLUSTER = 500;
const Z_FANNED = 700;
const Z_SELECTED = 1000;

/** A pie of the cluster's event types, as a CSS conic gradient of the legend's colours (counts by style slot). */
function typeMix(counts: readonly number[], styles: CategoryStyles): string {
  const total = counts.reduce((a, b) => a + b, 0) || 1;
  let at = 0;
  const stops = styles.slots.flatMap((style, k) => {
    if (!counts[k]) return [];
    const from = (at / total) * 360;
    at += counts[k];
    return [`${style.color} ${from.toFixed(1)}deg ${((at / total) * 360).toFixed(1)}deg`];
  });
  return `conic-gradient(${stops.join(", ")})`;
}

// Set as an attribute value (title, aria-label): a category's own text is never parsed as markup.
function clusterLabel(c: ClusterItem, styles: CategoryStyles): string {
  const parts = styles.slots.flatMap((_, k) => {
    if (!c.counts[k]) return [];
    const category = styles.categoryOf(k);
    return [category === null ? `${c.counts[k]} in other categories` : `${c.counts[k]} ${category}`];
  });
  return c.stack
    ? `${c.count} incidents at one place (${parts.join(", ")}): press Enter to list them`
    : `Cluster of ${c.count} incidents (${parts.join(", ")}): press Enter to zoom in`;
}

/** A cluster: its count on a pie of its types; `activate` on click or Enter. */
export function clusterMarker(m: ClusterMarker, styles: CategoryStyles, activate: () => void): L.Marker {
  const { item } = m;
  const size = Math.round(26 + 8 * Math.log10(item.count));
  const icon = L.divIcon({
    className: `cluster-marker${item.stack ? " cluster-marker--stack" : ""}`,
    // An element, not a string: Leaflet would parse a string as HTML.
    html: textElement("cluster-marker__count", String(item.count)),
    iconSize: [size, size],
  });
  const marker = L.marker(toLatLng(item.position), { icon, keyboard: true, title: clusterLabel(item, styles), zIndexOffset: Z_CLUSTER });
  marker.on("click", activate);
  marker.on("keypress", (e) => {
    if ((e as L.LeafletKeyboardEvent).originalEvent.key === "Enter") activate();
  });
  marker.on("add", () => {
    const el = marker.getElement();
    if (!el) return;
    el.setAttribute("aria-label", clusterLabel(item, styles));
    el.dataset.count = String(item.count);
    el.style.setProperty("background", typeMix(item.counts, styles));
  });
  return marker;
}

/** One incident; its icon moved by the marker's fan offset while the marker keeps its coordinate. */
export function incidentMarker(m: IncidentMarker, p: PlacedIncident, styles: CategoryStyles, select: () => void): L.Marker {
  const style = styles.styleOf(p.feature.properties.event_type);
  const [dx, dy] = m.offset;
  const icon = L.divIcon({
    className: `incident-marker incident-marker--${style.shape} incident-marker--gp${p.feature.properties.geo_precision}`,
    iconSize: [MARKER_SIZE, MARKER_SIZE],
    iconAnchor: [MARKER_SIZE / 2 - dx, MARKER_SIZE / 2 - dy],
  });
  const marker = L.marker(toLatLng(m.at), { icon, title: p.label, keyboard: true, riseOnHover: true, zIndexOffset: incidentZ(m) });
  marker.on("click", select);
  marker.on("keypress", (e) => {
    const k = (e as L.LeafletKeyboardEvent).originalEvent.key;
    if (k === "Enter" || k === " ") select();
  });
  marker.on("add", () => {
    const el = marker.getElement();
    if (!el) return;
    el.setAttribute("aria-label", p.label);
    el.dataset.eventId = p.feature.properties.event_id;
    el.style.setProperty("--c", style.color);
  });
  return marker;
}

/** The dot at the true position of a fanned-out stack. */
export function stackDot(at: Position): L.Marker {
  return L.marker(toLatLng(at), { icon: L.divIcon({ className: "stack-dot", iconSize: [8, 8] }), interactive: false, keyboard: false });
}

function incidentZ(m: IncidentMarker): number {
  return m.selected ? Z_SELECTED : m.fanned ? Z_FANNED : 0;
}

/** Gives a drawn marker the look of `m`: position, selection, noise. */
export function restyle(marker: L.Marker, m: ViewMarker): void {
  const el = marker.getElement();
  if (m.kind === "cluster") {
    el?.classList.toggle("has-selected", m.hasSelected);
  } else if (m.kind === "incident") {
    const at = toLatLng(m.at);
    const now = marker.getLatLng();
    if (now.lat !== at[0] || now.lng !== at[1]) marker.setLatLng(at);
    marker.setZIndexOffset(incidentZ(m));
    el?.setAttribute("aria-pressed", String(m.selected));
    el?.classList.toggle("is-selected", m.selected);
    el?.classList.toggle("is-noise", m.noise);
  }
}
