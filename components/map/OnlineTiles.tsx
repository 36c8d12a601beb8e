"use client";
// OpenStreetMap tiles when the network gives them. Reports whether any tile loaded, so the app can say
// that it is showing the offline base map instead.
import { TileLayer } from "react-leaflet";

export type TileStatus = "loading" | "online" | "offline";

// @option OSM_TILE_URL: string
// OpenStreetMap's standard tile server; its usage policy asks for the attribution below.
export const OSM_TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
const OSM_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors';

export default function OnlineTiles({ onStatus }: { onStatus: (s: TileStatus) => void }) {
  return (
    <TileLayer
      url={OSM_TILE_URL}
      attribution={OSM_ATTRIBUTION}
      maxZoom={19}
      eventHandlers={{
        tileload: () => onStatus("online"),
        tileerror: () => onStatus("offline"),
      }}
    />
  );
}
