// The export itself, loaded on the export button's first click (./ExportButton.tsx): most visits never
// export, so neither this nor the file builders it calls are in the page's first load.
import { GEOJSON_MEDIA_TYPE } from "@/lib/export/geojson";
import { geojsonParts } from "@/lib/export/geojson-parts";
import { datasetsFileName, datasetsName } from "@/lib/export/datasets";
import { allGroups, viewGroups, type ExportableDataset, type ExportScope } from "@/lib/export/scope";
import { exportFilters, type ExportContext, type ShownIncident } from "@/lib/export/shown";

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

export interface ExportRequest {
  format: "geojson" | "csv";
  scope: ExportScope;
  shown: readonly ShownIncident[];
  datasets: readonly ExportableDataset[];
  context: Omit<ExportContext, "name">;
}

/** Builds the file a slice at a time and hands it to the browser as a download. */
export async function exportFile({ format, scope, shown, datasets, context }: ExportRequest): Promise<void> {
  const reference = context.reference ?? null;
  const groups = scope === "view" ? viewGroups(shown, datasets, reference) : allGroups(datasets, context.filter, reference);
  const tags = groups.map((g) => g.tag);
  if (format === "geojson") {
    // The whole-dataset export records the filter, not the view it was made from.
    const filters = exportFilters(scope === "view" ? context : { ...context, bbox: undefined });
    save(await blobOf(geojsonParts(groups, { name: datasetsName(tags), filters }), GEOJSON_MEDIA_TYPE), datasetsFileName(tags, "geojson"));
  } else {
    // Loaded on demand again: an export is mostly GeoJSON, so the CSV writer waits for a CSV export.
    const { CSV_MEDIA_TYPE, acledCsvParts } = await import("@/lib/export/csv");
    save(await blobOf(acledCsvParts(groups), CSV_MEDIA_TYPE), datasetsFileName(tags, "csv"));
  }
}
