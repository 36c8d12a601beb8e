"use client";
// The map's analysis layers (the rings, with Turf; the hotspots' outlines), loaded when first switched on:
// the map a first visit draws needs neither. Each draws nothing until its code is here, and never suspends:
// the page above it stays shown while the code loads, and the switch just turned on with it.
import { lazyComponent } from "../layout/lazy";

export const RingsLayer = lazyComponent(() => import("./RingsLayer").then((m) => m.default));
export const HotspotLayer = lazyComponent(() => import("./HotspotLayer").then((m) => m.default));
