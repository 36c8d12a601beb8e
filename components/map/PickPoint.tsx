"use client";
// While picking, the next click on the map is a new reference point (and the cursor says so).
import { useEffect } from "react";
import { useMap, useMapEvents } from "react-leaflet";

export default function PickPoint({ onPick }: { onPick: (lng: number, lat: number) => void }) {
  const map = useMap();
  useEffect(() => {
    map.getContainer().classList.add("is-picking");
    return () => map.getContainer().classList.remove("is-picking");
  }, [map]);
  useMapEvents({ click: (e) => onPick(e.latlng.lng, e.latlng.lat) });
  return null;
}
