"use client";
// Downloads exactly the incidents shown, through the same pure function as GET /api/incidents.
import { useState } from "react";
import type { IncidentFeature } from "@/lib/incident";
import { exportFileName, GEOJSON_MEDIA_TYPE, toExportCollection } from "@/lib/export";

interface Props {
  features: readonly IncidentFeature[];
  name: string;
  filters: Record<string, unknown>;
}

export default function ExportButton({ features, name, filters }: Props) {
  const [error, setError] = useState<string | null>(null);

  const download = () => {
    try {
      const collection = toExportCollection(features, { name, filters });
      const blob = new Blob([JSON.stringify(collection, null, 1)], { type: GEOJSON_MEDIA_TYPE });
      const url = URL.createObjectURL(blob);
      const a = document.createElement("a");
      a.href = url;
      a.download = exportFileName("daraa-incidents");
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    }
  };

  return (
    <div className="export">
      <button type="button" onClick={download} aria-describedby="export-count">
        Export GeoJSON
      </button>
      <span id="export-count" className="muted">
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
