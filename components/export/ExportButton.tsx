"use client";
// Downloads the incidents in view, or every incident of the open datasets that the filters keep, as
// GeoJSON (lib/export/geojson-parts.ts, the collection GET /api/incidents serves too) or ACLED-style CSV.
// Each feature says its dataset; the file is built a slice at a time, the page painting between slices
// (./download.ts, loaded on the first click).
import { useState } from "react";
import type { ExportableDataset, ExportScope } from "@/lib/export/scope";
import type { ExportContext, ShownIncident } from "@/lib/export/shown";

interface Props {
  /** The incidents in view, as the page's count gives them (a moment late while a large set is worked out). */
  shown: readonly ShownIncident[];
  /** The incidents in view now, which a click exports: never the last view's. */
  inView: () => readonly ShownIncident[];
  /** The datasets open on the page (components/datasets/useIncidents.ts's `open`). */
  datasets: readonly ExportableDataset[];
  /** The filter, view, layers and reference point the export records (the datasets name it). */
  context: Omit<ExportContext, "name">;
}

export default function ExportButton({ shown, inView, datasets, context }: Props) {
  const [scope, setScope] = useState<ExportScope>("view");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const download = async (format: "geojson" | "csv") => {
    setBusy(true);
    // Read at the click: the view the file's context records, whatever the count still says.
    const view = inView();
    try {
      // The export's code comes with the first click (./download.ts), while "Preparing the file…" is said.
      const { exportFile } = await import("./download");
      await exportFile({ format, scope, shown: view, datasets, context });
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    }
    setBusy(false);
  };

  return (
    <div className="export">
      <fieldset className="export__scope">
        <legend className="visually-hidden">What to export</legend>
        <label>
          <input type="radio" name="export-scope" checked={scope === "view"} onChange={() => setScope("view")} /> What is in view ({shown.length})
        </label>
        <label>
          <input type="radio" name="export-scope" checked={scope === "all"} onChange={() => setScope("all")} /> All of the open datasets, with the
          current filters
        </label>
      </fieldset>
      <button type="button" onClick={() => void download("geojson")} disabled={busy} aria-describedby="export-count">
        Export GeoJSON
      </button>
      <button type="button" className="secondary-button" onClick={() => void download("csv")} disabled={busy} aria-describedby="export-count">
        Export CSV
      </button>
      <span id="export-count" className="visually-hidden" aria-live="polite">
        {busy ? "Preparing the file…" : scope === "view" ? `${shown.length} incident${shown.length === 1 ? "" : "s"} in view` : "every incident the filters keep"}
      </span>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </div>
  );
}
