"use client";
// Downloads the incidents in view, or every incident of the open datasets that the filters keep, as
// GeoJSON (lib/export/geojson-parts.ts, the collection GET /api/incidents serves too) or ACLED-style CSV.
// Each feature says its dataset; the file is built a slice at a time, the page painting between slices.
import { useState } from "react";
import type { ExportableDataset, ExportScope } from "@/lib/export/scope";
import type { ExportContext, ShownIncident } from "@/lib/export/shown";

function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The parts as one Blob, yielding to the page after each so it stays responsive. */
async function blobOf(parts: Iterable<string>, type: string): Promise<Blob> {
  const out: string[] = [];
  for (const part of parts) {
    out.push(part);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return new Blob(out, { type });
}

interface Props {
  shown: readonly ShownIncident[];
  /** The datasets open on the page (components/datasets/useIncidents.ts's `open`). */
  datasets: readonly ExportableDataset[];
  /** The filter, view, layers and reference point the export records (the datasets name it). */
  context: Omit<ExportContext, "name">;
}

export default function ExportButton({ shown, datasets, context }: Props) {
  const [scope, setScope] = useState<ExportScope>("view");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reference = context.reference ?? null;

  const download = async (format: "geojson" | "csv") => {
    setBusy(true);
    try {
      const { GEOJSON_MEDIA_TYPE, allGroups, datasetsFileName, datasetsName, exportFilters, geojsonParts, viewGroups } = await import("./file-parts");
      const groups = scope === "view" ? viewGroups(shown, datasets, reference) : allGroups(datasets, context.filter, reference);
      const tags = groups.map((g) => g.tag);
      if (format === "geojson") {
        // The whole-dataset export records the filter, not the view it was made from.
        const filters = exportFilters(scope === "view" ? context : { ...context, bbox: undefined });
        save(await blobOf(geojsonParts(groups, { name: datasetsName(tags), filters }), GEOJSON_MEDIA_TYPE), datasetsFileName(tags, "geojson"));
      } else {
        // Loaded on demand: most visits never export CSV, so its code stays out of the first load.
        const { CSV_MEDIA_TYPE, acledCsvParts } = await import("@/lib/export/csv");
        save(await blobOf(acledCsvParts(groups), CSV_MEDIA_TYPE), datasetsFileName(tags, "csv"));
      }
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
