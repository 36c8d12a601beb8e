"use client";
// Downloads exactly the incidents shown, through the same pure function as GET /api/incidents.
import { useState } from "react";
import type { IncidentFeature } from "@/lib/incident/model";
import { exportFileName, GEOJSON_MEDIA_TYPE, toExportCollection } from "@/lib/export/geojson";

function save(text: string, type: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

interface Props {
  features: readonly IncidentFeature[];
  name: string;
  filters: Record<string, unknown>;
}

export default function ExportButton({ features, name, filters }: Props) {
  const [error, setError] = useState<string | null>(null);

  const download = async (format: "geojson" | "csv") => {
    try {
      if (format === "geojson") {
        save(JSON.stringify(toExportCollection(features, { name, filters }), null, 1), GEOJSON_MEDIA_TYPE, exportFileName("daraa-incidents"));
      } else {
        // Loaded on demand: most visits never export CSV, so its code stays out of the first load.
        const { CSV_MEDIA_TYPE, csvExportFileName, toAcledCsv } = await import("@/lib/export/csv");
        save(toAcledCsv(features), CSV_MEDIA_TYPE, csvExportFileName("daraa-incidents"));
      }
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    }
  };

  return (
    <div className="export">
      <button type="button" onClick={() => void download("geojson")} aria-describedby="export-count">
        Export GeoJSON
      </button>
      <button type="button" className="secondary-button" onClick={() => void download("csv")} aria-describedby="export-count">
        Export CSV
      </button>
      <span id="export-count" className="visually-hidden">
        {features.length} incident{features.length === 1 ? "" : "s"} shown
      </span>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </div>
  );
}
