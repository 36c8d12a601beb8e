"use client";
// The map's analysis layers (the rings, with Turf; the hotspots' outlines), loaded when first switched on:
// the map a first visit draws needs neither. Each waits in its own Suspense boundary (`ssr: false` gives it
// one; the map is never rendered on the server): without one, the page above it would be hidden while the
// code loads, and the switch just turned on with it.
import dynamic from "next/dynamic";

export const RingsLayer = dynamic(() => import("./RingsLayer"), { ssr: false });
export const HotspotLayer = dynamic(() => import("./HotspotLayer"), { ssr: false });
