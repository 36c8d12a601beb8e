"use client";
// Downloads exactly the incidents shown, as lib/export/shown.ts shapes them (the collection GET
// /api/incidents also serves, with the same `filters` member).
import { useState } from "react";
import { exportFileName, GEOJSON_MEDIA_TYPE } from "@/lib/export/geojson";
import { shownCollection, shownFeatures, type ExportContext, type ShownIncident } from "@/lib/export/shown";

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
  shown: readonly ShownIncident[];
  /** The name, filter, view, layers and reference point the export records. */
  context: ExportContext;
}

export default function ExportButton({ shown, context }: Props) {
  const [error, setError] = useState<string | null>(null);

  const download = async (format: "geojson" | "csv") => {
    try {
      if (format === "geojson") {
        save(JSON.stringify(shownCollection(shown, context), null, 1), GEOJSON_MEDIA_TYPE, exportFileName("daraa-incidents"));
      } else {
        // Loaded on demand: most visits never export CSV, so its code stays out of the first load.
        const { CSV_MEDIA_TYPE, csvExportFileName, toAcledCsv } = await import("@/lib/export/csv");
        save(toAcledCsv(shownFeatures(shown, context.reference)), CSV_MEDIA_TYPE, csvExportFileName("daraa-incidents"));
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
        {shown.length} incident{shown.length === 1 ? "" : "s"} shown
      </span>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </div>
  );
}
