"use client";
// Incident markers through display clustering: after every move, only the clusters and points in view
// become DOM markers (reused between moves), so the layer costs the same for 40 incidents or a million.
// A cluster zooms in on click or Enter; a stack (members at one spot) opens in place into fanned-out,
// keyboard-reachable markers around a dot at the true position.
import { useEffect, useMemo, useRef, useState } from "react";
import L from "leaflet";
import { useMap, useMapEvents } from "react-leaflet";
import type { PlacedIncident } from "@/lib/incident/place";
import { EVENT_TYPES } from "@/lib/incident/model";
import { EVENT_STYLES } from "@/lib/display/event-style";
import { fanOffset, positionKey, stackPositions } from "@/lib/display/colocate";
import { buildClusterIndex, clusterMembers, expansionZoom, viewItems, CLUSTER_RADIUS, type ClusterItem } from "@/lib/display/cluster";
import type { Position } from "geojson";
import { toLatLng, toLatLngs, boundsToBbox } from "./latlng";
import { textElement } from "./text-element";

// @option MARKER_SIZE: number = 18
// Marker width and height in pixels; large enough to hit with a finger.
const MARKER_SIZE = 18;

interface Props {
  incidents: readonly PlacedIncident[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  /** event_ids in no hotspot, marked as noise while the Hotspots overlay is on. */
  noise?: readonly string[] | null;
}

function incidentIcon(p: PlacedIncident, offset: [number, number]): L.DivIcon {
  const style = EVENT_STYLES[p.feature.properties.event_type];
  const [dx, dy] = offset;
  return L.divIcon({
    className: `incident-marker incident-marker--${style.shape} incident-marker--gp${p.feature.properties.geo_precision}`,
    iconSize: [MARKER_SIZE, MARKER_SIZE],
    // Moving the anchor moves the icon by (dx, dy) on screen while the marker keeps its true coordinate.
    iconAnchor: [MARKER_SIZE / 2 - dx, MARKER_SIZE / 2 - dy],
  });
}

/** The dot at the true position of a fanned-out stack. */
function stackDot(position: Position): L.Marker {
  return L.marker(toLatLng(position), { icon: L.divIcon({ className: "stack-dot", iconSize: [8, 8] }), interactive: false, keyboard: false });
}

/** A pie of the cluster's event types, as a CSS conic gradient of the legend's colours. */
function typeMix(counts: number[]): string {
  const total = counts.reduce((a, b) => a + b, 0) || 1;
  let at = 0;
  const stops = EVENT_TYPES.flatMap((t, k) => {
    if (!counts[k]) return [];
    const from = (at / total) * 360;
    at += counts[k];
    return [`${EVENT_STYLES[t].color} ${from.toFixed(1)}deg ${((at / total) * 360).toFixed(1)}deg`];
  });
  return `conic-gradient(${stops.join(", ")})`;
}

function clusterLabel(c: ClusterItem): string {
  const parts = EVENT_TYPES.flatMap((t, k) => (c.counts[k] ? [`${c.counts[k]} ${t}`] : []));
  return c.stack
    ? `${c.count} incidents at one place (${parts.join(", ")}): press Enter to list them`
    : `Cluster of ${c.count} incidents (${parts.join(", ")}): press Enter to zoom in`;
}

function clusterIcon(c: ClusterItem): L.DivIcon {
  const size = Math.round(26 + 8 * Math.log10(c.count));
  return L.divIcon({
    className: `cluster-marker${c.stack ? " cluster-marker--stack" : ""}`,
    // An element, not a string: Leaflet would parse a string as HTML.
    html: textElement("cluster-marker__count", String(c.count)),
    iconSize: [size, size],
  });
}

export default function IncidentLayer({ incidents, selectedId, onSelect, noise }: Props) {
  const noiseSet = useMemo(() => new Set(noise ?? []), [noise]);
  const map = useMap();
  const [version, setVersion] = useState(0);
  // The one open stack, named by the event_id of one of its members; opening another closes it, so an
  // open fan (drawn above everything) never hides a second one.
  const [openStack, setOpenStack] = useState<string | null>(null);
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;
  const markers = useRef(new Map<string, L.Marker>());
  const group = useRef<L.LayerGroup | null>(null);

  const index = useMemo(
    () => buildClusterIndex(incidents.map((p) => ({ anchor: p.anchor, type: p.feature.properties.event_type }))),
    [incidents],
  );
  const idToIndex = useMemo(() => new Map(incidents.map((p, i) => [p.feature.properties.event_id, i])), [incidents]);

  useMapEvents({
    moveend: () => setVersion((v) => v + 1),
    keydown: (e) => {
      if (e.originalEvent.key === "Escape") setOpenStack(null);
    },
    click: () => setOpenStack(null),
  });

  // Road incidents are drawn whole, beneath the markers, once per dataset. Areas are drawn only for the
  // selected incident: a region-level incident's box would otherwise cover the map and read as a place.
  useEffect(() => {
    const shapes = L.layerGroup();
    for (const p of incidents) {
      const g = p.feature.geometry;
      if (g.type !== "LineString") continue;
      const color = EVENT_STYLES[p.feature.properties.event_type].color;
      L.polyline(toLatLngs(g.coordinates), { color, weight: 3, dashArray: "6 4", interactive: false }).addTo(shapes);
    }
    shapes.addTo(map);
    group.current = L.layerGroup().addTo(map);
    return () => {
      shapes.remove();
      group.current?.remove();
      group.current = null;
      markers.current = new Map();
    };
  }, [map, incidents]);

  useEffect(() => {
    const p = selectedId !== null ? incidents[idToIndex.get(selectedId) ?? -1] : undefined;
    const g = p?.feature.geometry;
    if (!p || !g || (g.type !== "Polygon" && g.type !== "MultiPolygon")) return;
    const rings = g.type === "Polygon" ? toLatLngs(g.coordinates) : g.coordinates.map((poly) => toLatLngs(poly));
    const color = EVENT_STYLES[p.feature.properties.event_type].color;
    const area = L.polygon(rings, { color, weight: 2, dashArray: "4 4", fillOpacity: 0.06, interactive: false, className: "selected-area" }).addTo(map);
    return () => {
      area.remove();
    };
  }, [map, incidents, idToIndex, selectedId]);

  // After every move: the items in view, diffed against the markers already on the map.
  useEffect(() => {
    const layer = group.current;
    if (!layer) return;
    const zoom = map.getZoom();
    // A margin of a tenth of the view on each side, so short pans show no gaps before moveend redraws.
    const items = viewItems(index, boundsToBbox(map.getBounds().pad(0.1)), zoom);
    const wanted = new Map<string, () => L.Marker>();
    // Each single marker: the incident, where its icon's anchor stands, and its place in a fan.
    const singles: { i: number; at: Position; pos: number; size: number; fanned: boolean }[] = [];
    const loose: number[] = [];
    const openIndex = openStack !== null ? idToIndex.get(openStack) : undefined;
    const selectedIndex = selectedId !== null ? idToIndex.get(selectedId) : undefined;
    // A cluster can hold the selected incident only if its centre lies within its radius of it on screen;
    // only those are searched, so a selection costs nothing for the other clusters (at 1M, whole countries).
    const selectedPx = selectedIndex !== undefined ? map.project(toLatLng(incidents[selectedIndex].anchor), zoom) : null;
    const near = (position: Position) => selectedPx !== null && map.project(toLatLng(position), zoom).distanceTo(selectedPx) <= 2 * CLUSTER_RADIUS;

    for (const item of items) {
      if (item.kind === "point") {
        loose.push(item.index);
        continue;
      }
      const members = item.stack ? clusterMembers(index, item.id) : null;
      if (members && openIndex !== undefined && members.includes(openIndex)) {
        // An open stack fans out around its centre: its members are metres apart at most, less than a pixel
        // at the zooms where it is a stack, so the icons move, never the coordinates the details show.
        members.forEach((i, k) => singles.push({ i, at: item.position, pos: k, size: members.length, fanned: true }));
        wanted.set(`d:${positionKey(item.position[0], item.position[1])}`, () => stackDot(item.position));
        continue;
      }
      const containsSelected = selectedIndex !== undefined && near(item.position) && (members ?? clusterMembers(index, item.id)).includes(selectedIndex);
      const key = `c:${item.id}:${item.count}:${item.stack}:${containsSelected}`;
      wanted.set(key, () => {
        // Clusters stay above fanned-out markers, so an open stack never covers a neighbouring cluster.
        const marker = L.marker(toLatLng(item.position), { icon: clusterIcon(item), keyboard: true, title: clusterLabel(item), zIndexOffset: 500 });
        const activate = () => {
          if (members) {
            setOpenStack(incidents[members[0]].feature.properties.event_id);
          } else {
            map.setView(toLatLng(item.position), expansionZoom(index, item.id));
          }
        };
        marker.on("click", activate);
        marker.on("keypress", (e) => {
          if ((e as L.LeafletKeyboardEvent).originalEvent.key === "Enter") activate();
        });
        marker.on("add", () => {
          const el = marker.getElement();
          if (!el) return;
          el.setAttribute("aria-label", clusterLabel(item));
          el.dataset.count = String(item.count);
          el.style.setProperty("background", typeMix(item.counts));
          el.classList.toggle("has-selected", containsSelected);
        });
        return marker;
      });
    }

    // Points drawn one by one (beyond the last clustered zoom) still fan out where they share a position.
    const looseStacks = stackPositions(loose, (i) => incidents[i].anchor);
    loose.forEach((i, k) => {
      const [pos, size] = looseStacks[k];
      singles.push({ i, at: incidents[i].anchor, pos, size, fanned: false });
      if (size > 1 && pos === 0) {
        const a = incidents[i].anchor;
        wanted.set(`d:${positionKey(a[0], a[1])}`, () => stackDot(a));
      }
    });

    for (const { i, at, pos, size, fanned } of singles) {
      const p = incidents[i];
      const id = p.feature.properties.event_id;
      const selected = id === selectedId;
      const isNoise = noiseSet.has(id);
      const key = `p:${id}:${positionKey(at[0], at[1])}:${pos}/${size}:${selected}:${fanned}:${isNoise}`;
      wanted.set(key, () => {
        const marker = L.marker(toLatLng(at), {
          icon: incidentIcon(p, fanOffset(pos, size)),
          title: p.label,
          keyboard: true,
          riseOnHover: true,
          // An open stack's members sit above the clusters (500) so each can be clicked.
          zIndexOffset: selected ? 1000 : fanned ? 700 : 0,
        });
        marker.on("click", () => onSelectRef.current(id));
        marker.on("keypress", (e) => {
          const k = (e as L.LeafletKeyboardEvent).originalEvent.key;
          if (k === "Enter" || k === " ") onSelectRef.current(id);
        });
        marker.on("add", () => {
          const el = marker.getElement();
          if (!el) return;
          // Attributes and CSS properties are set as values, never parsed as markup.
          el.setAttribute("aria-label", p.label);
          el.setAttribute("aria-pressed", String(selected));
          el.dataset.eventId = id;
          el.style.setProperty("--c", EVENT_STYLES[p.feature.properties.event_type].color);
          el.classList.toggle("is-selected", selected);
          el.classList.toggle("is-noise", isNoise);
        });
        return marker;
      });
    }

    const current = markers.current;
    for (const [key, marker] of current) {
      if (!wanted.has(key)) {
        marker.remove();
        current.delete(key);
      }
    }
    for (const [key, make] of wanted) {
      if (!current.has(key)) {
        const marker = make();
        marker.addTo(layer);
        current.set(key, marker);
      }
    }
    // Markers drawn in the margin beyond the view (for smooth panning) stay out of the Tab order: focusing
    // one would make Leaflet pan to it, and the keyboard user would lose their place.
    const inView = map.getBounds();
    for (const marker of current.values()) {
      const el = marker.getElement();
      if (el && marker.options.keyboard) el.tabIndex = inView.contains(marker.getLatLng()) ? 0 : -1;
    }
    map.getContainer().dataset.incidentMarkers = String(current.size);
  }, [map, index, incidents, idToIndex, version, openStack, selectedId, noiseSet]);

  // A selection made elsewhere (a link, the list) opens the stack that hides it.
  useEffect(() => {
    if (selectedId && idToIndex.has(selectedId)) setOpenStack(selectedId);
  }, [selectedId, idToIndex]);

  return null;
}
