"use client";
// The map's analysis layers (the rings, with Turf; the hotspots' outlines) and the point picker, loaded when
// first switched on: the map a first visit draws needs none of them.
import dynamic from "next/dynamic";

export const RingsLayer = dynamic(() => import("./RingsLayer"));
export const HotspotLayer = dynamic(() => import("./HotspotLayer"));
export const PickPoint = dynamic(() => import("./PickPoint"));
