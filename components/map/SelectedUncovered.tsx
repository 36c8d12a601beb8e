"use client";
// A selected marker that something outside the map covers (on a phone, the details sheet over the bottom or
// the right of the map) is panned into the part of the map left uncovered, so the user sees what they chose.
import { useEffect } from "react";
import type { Map as LeafletMap } from "leaflet";
import { useMap } from "react-leaflet";

// @option GAP: number = 16
// Pixels kept between the marker and the cover's top edge.
const GAP = 16;
// @option WATCH_MS: number = 3000, how long after a selection a cover is watched for
const WATCH_MS = 3000;

/** The ancestor of `el` that lies over the map: the highest one that does not hold the map itself. */
function coverOf(el: Element, map: HTMLElement): Element {
  let cover = el;
  while (cover.parentElement && !cover.parentElement.contains(map)) cover = cover.parentElement;
  return cover;
}

/** Pans the selected marker out from under what covers it, if anything does and there is room. */
function uncover(map: LeafletMap): void {
  const container = map.getContainer();
  const marker = container.querySelector(".leaflet-marker-icon.is-selected")?.getBoundingClientRect();
  if (!marker) return;
  const [x, y] = [marker.left + marker.width / 2, marker.top + marker.height / 2];
  const box = container.getBoundingClientRect();
  // A marker outside the map's box is not drawn: nothing covers it.
  if (x < box.left || x > box.right || y < box.top || y > box.bottom) return;
  const hit = document.elementFromPoint(x, y);
  if (!hit || container.contains(hit)) return;
  const cover = coverOf(hit, container).getBoundingClientRect();
  // A cover from below (a phone held upright) moves the marker up, one from the right (held sideways) moves
  // it left; only when there is room for it.
  if (cover.top > box.top + marker.height + GAP) map.panBy([0, marker.bottom + GAP - cover.top], { animate: false });
  else if (cover.left > box.left + marker.width + GAP) map.panBy([marker.right + GAP - cover.left, 0], { animate: false });
}

export default function SelectedUncovered({ selectedId }: { selectedId: string | null }) {
  const map = useMap();
  useEffect(() => {
    if (selectedId === null) return;
    // Checked every frame for a while, not once: the details' code loads on first use, so the sheet may
    // still be growing over the marker after the first frame.
    const until = performance.now() + WATCH_MS;
    let frame = requestAnimationFrame(function check() {
      uncover(map);
      if (performance.now() < until) frame = requestAnimationFrame(check);
    });
    return () => cancelAnimationFrame(frame);
  }, [map, selectedId]);
  return null;
}
