"use client";
// Reports the map's view after every move (pan, zoom, keyboard) or change of its size, and moves the map
// when the app asks to (e.g. a link that names an incident but no view) or to fit a box (datasets opened,
// "Zoom to").
import { useEffect, useEffectEvent } from "react";
import { useMap } from "react-leaflet";
import type { ZoomPanOptions } from "leaflet";
import type { MapView } from "@/lib/url/state";
import type { BBox } from "@/lib/geo/bbox";
import { bboxToBounds, boundsToBbox, toLatLng } from "./latlng";

export interface ViewChange {
  view: MapView;
  bbox: BBox;
}

export default function ViewSync({ onChange, flyTo, fitTo }: { onChange: (v: ViewChange) => void; flyTo: MapView | null; fitTo: BBox | null }) {
  const map = useMap();
  const report = useEffectEvent(() => {
    const c = map.getCenter();
    const bbox = boundsToBbox(map.getBounds());
    // The box as the page sees it, for whoever reads the page (the browser tests read the map's bounds here).
    map.getContainer().dataset.bbox = bbox.map((x) => x.toFixed(4)).join(",");
    onChange({ view: { lng: c.lng, lat: c.lat, zoom: map.getZoom() }, bbox });
  });
  useEffect(() => {
    const onMove = () => report();
    onMove();
    map.on("moveend", onMove);
    return () => {
      map.off("moveend", onMove);
    };
  }, [map]);

  // The page around the map changes its size (a header that wraps once the datasets have named themselves,
  // a sheet on a phone); Leaflet measures only on a window resize, and would report a view larger than shown.
  // Leaflet's own pan on a resize keeps the centre only to the nearest pixel, and a link's view then drifted by
  // a fraction of one (the link reopened as another view): the centre is set back exactly, unless the map is
  // on its way somewhere (a zoom or pan in flight ends where it was going).
  useEffect(() => {
    const observer = new ResizeObserver(() => {
      const moving = map as unknown as { _animatingZoom?: boolean; _panAnim?: { _inProgress?: boolean } };
      if (moving._animatingZoom || moving._panAnim?._inProgress) {
        map.invalidateSize();
        return;
      }
      const center = map.getCenter();
      map.invalidateSize({ pan: false });
      // `reset` (Leaflet's own option, missing from its types) sets the exact centre instead of panning by whole pixels.
      map.setView(center, map.getZoom(), { reset: true } as ZoomPanOptions);
    });
    observer.observe(map.getContainer());
    return () => observer.disconnect();
  }, [map]);

  // Before flyTo: when both come at once (a link's incident in datasets just framed), the incident wins.
  useEffect(() => {
    if (fitTo) map.fitBounds(bboxToBounds(fitTo));
  }, [map, fitTo]);

  useEffect(() => {
    if (flyTo) map.setView(toLatLng([flyTo.lng, flyTo.lat]), flyTo.zoom);
  }, [map, flyTo]);

  return null;
}
