"use client";
// Incident markers through display clustering: after every move, only the clusters and points in view
// become DOM markers, reused between moves (lib/display/reconcile.ts), so the layer costs the same for
// 40 incidents or a million. A cluster zooms in on click or Enter; a stack (members at one spot) opens
// in place into fanned-out, keyboard-reachable markers around a dot at the true position. The index of a
// large set is built in a worker (./useClusterIndex.ts): until it comes, the markers are the last index's,
// or before the first, a grid's (lib/display/grid.ts), whose clusters zoom in two levels.
import { useEffect, useEffectEvent, useMemo, useRef, useState } from "react";
import L from "leaflet";
import { useMap, useMapEvents } from "react-leaflet";
import type { PlacedIncident } from "@/lib/incident/place";
import { expansionZoom, viewItems, CLUSTER_RADIUS } from "@/lib/display/cluster";
import { viewMarkers, type ClusterMarker, type ViewMarker } from "@/lib/display/view-markers";
import { reconcileMarkers } from "@/lib/display/reconcile";
import { markerGrid } from "@/lib/display/grid";
import type { CategoryStyles } from "@/lib/display/event-style";
import { boundsToBbox, toLatLng } from "./latlng";
import { clusterMarker, incidentMarker, restyle, stackDot } from "./marker-icons";
import { useClusterIndex } from "./useClusterIndex";

interface Props {
  incidents: readonly PlacedIncident[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  /** event_ids drawn as noise (in no hotspot). */
  noise: ReadonlySet<string>;
  styles: CategoryStyles;
}

/** The markers on the map, by key, with the ViewMarker each was last drawn as. */
interface Drawn {
  group: L.LayerGroup;
  markers: Map<string, L.Marker>;
  looks: Map<string, ViewMarker>;
}

const NO_INCIDENTS: readonly PlacedIncident[] = [];

/** Where the incident with this event_id is in `incidents` (a search only when an id is given), or undefined. */
function indexOfId(incidents: readonly PlacedIncident[], id: string | null): number | undefined {
  if (id === null) return undefined;
  const i = incidents.findIndex((p) => p.feature.properties.event_id === id);
  return i < 0 ? undefined : i;
}

export default function ClusterMarkers({ incidents: given, selectedId, onSelect, noise, styles }: Props) {
  const map = useMap();
  const [moves, setMoves] = useState(0);
  // The one open stack, named by the event_id of one of its members; opening another closes it, so an
  // open fan (drawn above everything) never hides a second one.
  const [openStack, setOpenStack] = useState<string | null>(null);
  const select = useEffectEvent((id: string) => onSelect(id));
  const drawn = useRef<Drawn | null>(null);

  // The incidents the index was built from: marker i is incidents[i].
  const { built, pending } = useClusterIndex(given, styles);
  const index = built?.index ?? null;
  const incidents = built?.incidents ?? pending?.incidents ?? NO_INCIDENTS;
  // Until the index comes, every move is drawn from the grid, which keeps what it works out between moves.
  const grid = useMemo(() => (pending ? markerGrid(pending.input) : null), [pending]);
  const selectedIndex = useMemo(() => indexOfId(incidents, selectedId), [incidents, selectedId]);
  const openIndex = useMemo(() => indexOfId(incidents, openStack), [incidents, openStack]);
  // A selection made elsewhere (a link, the list) opens the stack that hides it: adjusted while rendering,
  // when the selection or the incidents change, so no effect renders twice.
  const [seen, setSeen] = useState<{ selectedId: string | null; incidents: readonly PlacedIncident[] | null }>({ selectedId: null, incidents: null });
  if (seen.selectedId !== selectedId || seen.incidents !== incidents) {
    setSeen({ selectedId, incidents });
    if (selectedId && selectedIndex !== undefined) setOpenStack(selectedId);
  }

  useMapEvents({
    moveend: () => setMoves((n) => n + 1),
    keydown: (e) => {
      if (e.originalEvent.key === "Escape") setOpenStack(null);
    },
    click: () => setOpenStack(null),
  });

  // Cluster ids are their index's own: a new index starts a new layer.
  useEffect(() => {
    const group = L.layerGroup().addTo(map);
    drawn.current = { group, markers: new Map(), looks: new Map() };
    return () => {
      group.remove();
      drawn.current = null;
    };
  }, [map, index]);

  useEffect(() => {
    const layer = drawn.current;
    if (!layer || (!index && !grid)) return;
    const zoom = map.getZoom();
    // A margin of a tenth of the view on each side, so short pans show no gaps before moveend redraws.
    const bbox = boundsToBbox(map.getBounds().pad(0.1));
    const id = (i: number) => incidents[i].feature.properties.event_id;
    const selectedPx = selectedIndex !== undefined ? map.project(toLatLng(incidents[selectedIndex].anchor), zoom) : null;
    const wanted = index
      ? viewMarkers(viewItems(index, bbox, zoom), {
          index,
          anchor: (i) => incidents[i].anchor,
          id,
          openIndex,
          selectedIndex,
          noise,
          // A cluster can hold the selected incident only if its centre lies within its radius of it on screen.
          nearSelected: (position) => selectedPx !== null && map.project(toLatLng(position), zoom).distanceTo(selectedPx) <= 2 * CLUSTER_RADIUS,
        })
      : grid!(bbox, zoom, id);

    const changes = reconcileMarkers(layer.looks, wanted);
    for (const key of changes.remove) {
      layer.markers.get(key)?.remove();
      layer.markers.delete(key);
      layer.looks.delete(key);
    }
    for (const m of changes.update) {
      layer.looks.set(m.key, m);
      const marker = layer.markers.get(m.key);
      if (marker) restyle(marker, m);
    }
    for (const m of changes.add) {
      const marker =
        m.kind === "cluster"
          ? clusterMarker(m, styles, () => activate(m))
          : m.kind === "incident"
            ? incidentMarker(m, incidents[m.index], styles, () => select(incidents[m.index].feature.properties.event_id))
            : stackDot(m.at);
      marker.on("add", () => restyle(marker, layer.looks.get(m.key) ?? m));
      layer.looks.set(m.key, m);
      layer.markers.set(m.key, marker);
      marker.addTo(layer.group);
    }
    // Markers drawn in the margin beyond the view (for smooth panning) stay out of the Tab order: focusing
    // one would make Leaflet pan to it, and the keyboard user would lose their place.
    const inView = map.getBounds();
    for (const marker of layer.markers.values()) {
      const el = marker.getElement();
      if (el && marker.options.keyboard) el.tabIndex = inView.contains(marker.getLatLng()) ? 0 : -1;
    }
    map.getContainer().dataset.incidentMarkers = String(layer.markers.size);
    // Whose markers these are: the cluster index's, or while a large one builds, the grid's (the display bench waits for it).
    map.getContainer().dataset.incidentIndex = index ? "clusters" : "grid";

    /** A stack opens in place; a cluster zooms in to where it splits (a grid's cell, two levels). */
    function activate(m: ClusterMarker) {
      if (m.members) setOpenStack(incidents[m.members[0]].feature.properties.event_id);
      else map.setView(toLatLng(m.item.position), index ? expansionZoom(index, m.item.id) : zoom + 2);
    }
  }, [map, index, grid, incidents, selectedIndex, openIndex, moves, noise, styles]);

  return null;
}
