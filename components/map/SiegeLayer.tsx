"use client";
// The besieged area of Daraa al-Balad. Popup text is React children (rendered through a portal), so
// every value is escaped.
import { Polygon, Popup } from "react-leaflet";
import { siegeDuring, type SiegeCollection } from "@/lib/incident/context-layers";
import { GEO_PRECISION_TEXT } from "@/lib/incident/describe";
import { polygonLatLngs } from "./latlng";

export default function SiegeLayer({ siege, range }: { siege: SiegeCollection; range: { from?: string; to?: string } }) {
  return (
    <>
      {siege.features.filter((f) => siegeDuring(f.properties, range.from, range.to)).map((f) => {
        const p = f.properties;
        return (
          <Polygon
            key={p.id}
            positions={polygonLatLngs(f.geometry)}
            pathOptions={{ color: "#b2182b", weight: 2, dashArray: "8 4", fillColor: "#b2182b", fillOpacity: 0.12 }}
            className="siege-area"
          >
            <Popup>
              <div className="context-popup">
                <strong>{p.name}</strong>
                <div>
                  {p.valid_from ?? "start not dated"} – {p.valid_to ?? "end not dated"}
                </div>
                {p.families !== undefined && <div>{p.families.toLocaleString("en")} families besieged</div>}
                {p.neighbourhoods && p.neighbourhoods.length > 0 && <div>Neighbourhoods: {p.neighbourhoods.join(", ")}</div>}
                <div>
                  Outline precision: {GEO_PRECISION_TEXT[p.geo_precision]}
                  {p.precision_note ? ` — ${p.precision_note}` : ""}
                </div>
              </div>
            </Popup>
          </Polygon>
        );
      })}
    </>
  );
}
