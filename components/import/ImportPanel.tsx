"use client";
// Bring your own incidents: a file picker (or drop a file anywhere on the page), the mapping step for each
// file, a progress bar while it imports, each import a layer that can be hidden or removed, and a report
// of what came in and what did not. All of it is text.
import type { LoadedImport } from "./importStore";
import type { useImports } from "./useImports";
import { MAX_IMPORT_BYTES } from "@/lib/import/limits";
import { ImportProgress, MappingStep, prepareImports, useImportReport } from "./lazy";
import { useEffect, useState } from "react";
import type { SavedTo } from "../account/SaveToServer";
import { SaveToServer, SavedDataset } from "../account/lazy";
import type { FlagAction } from "@/lib/import/flags";

type Imports = ReturnType<typeof useImports>;

/** The layer the same bytes were imported as before. */
function earlierImport(imports: readonly LoadedImport[], sha256: string): LoadedImport | null {
  return imports.find((s) => typeof s.sha256 === "string" && s.sha256 === sha256) ?? null;
}

interface Props {
  imports: Imports;
  /** Saving an import to the server: null when nobody is signed in or the account cannot save. `onStored`
   * opens the dataset in place of the layer; `onChanged` follows a dataset's sharing being changed. */
  save: { onStored: (layerId: string, saved: SavedTo) => void; onChanged: () => void } | null;
  /** Frames the map on one import's incidents. */
  onZoomTo: (importId: string) => void;
  /** Whether an import's layer is switched on, and the switch (the page's state: components/explorer/state.ts). */
  shown: (importId: string) => boolean;
  onToggle: (importId: string, on: boolean) => void;
}

export default function ImportPanel({ imports: props, save, onZoomTo, shown, onToggle }: Props) {
  const { step } = props;
  // What this page saved to the server: said once the layer has gone, with the dataset's sharing.
  const [saves, setSaves] = useState<SavedTo[]>([]);
  // The report's code is asked for as soon as a file is being read.
  const ImportReport = useImportReport(step.kind !== "idle" || props.outcomes.length > 0);
  // And the mapping step's and the progress's, while the file is read: the step shows when the reading ends.
  const reading = step.kind === "reading";
  useEffect(() => {
    if (!reading) return;
    MappingStep.preload();
    ImportProgress.preload();
  }, [reading]);
  const saveButton = (s: LoadedImport, label?: string) =>
    save && (
      <SaveToServer
        fileName={s.fileName}
        collection={props.collectionOf(s)}
        label={label}
        onStored={(saved) => {
          setSaves((list) => [...list, saved]);
          save.onStored(s.id, saved);
        }}
      />
    );
  return (
    <section className="panel import" aria-labelledby="import-heading">
      <h2 id="import-heading">Your incidents</h2>
      <label className="import__pick" onPointerDown={prepareImports}>
        <span className="secondary-button">{step.kind === "reading" ? "Reading…" : "Import incidents"}</span>
        <input
          type="file"
          accept=".geojson,.json,.ndjson,.csv,.tsv,.txt,.xlsx,.kml,application/geo+json,application/json,text/csv,application/vnd.google-earth.kml+xml,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          multiple
          disabled={props.busy}
          className="visually-hidden"
          aria-label="Import incidents from files (CSV, Excel, GeoJSON, JSON, KML)"
          onFocus={prepareImports}
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = "";
            if (files.length) props.importFiles(files);
          }}
        />
      </label>
      <p className="muted">Or drop files on the page. Up to {MAX_IMPORT_BYTES / 1024 / 1024} MB each; kept in this browser until you save them to the server.</p>
      {step.kind === "reading" && (
        <p className="muted" role="status">
          Reading “{step.fileName}”…
        </p>
      )}
      {step.kind === "mapping" && (
        <MappingStep
          key={`${step.sha256}:${step.fileName}`}
          step={step}
          alreadyAs={earlierImport(props.imports, step.sha256)}
          onMapping={props.changeMapping}
          onRead={props.changeRead}
          onResetRemembered={props.resetRemembered}
          onImport={props.confirm}
          onClose={props.skipFile}
        />
      )}
      {step.kind === "importing" && <ImportProgress fileName={step.fileName} progress={step.progress} cancelling={step.cancelling} onCancel={props.cancelImport} />}
      {props.imports.length > 0 && (
        <ul className="import__list">
          {props.imports.map((s) => (
            <li key={s.id}>
              <label className="layers__item">
                <input type="checkbox" checked={shown(s.id)} onChange={(e) => onToggle(s.id, e.target.checked)} />
                <span>
                  {s.fileName} ({s.placed.length})
                </span>
              </label>
              {s.placed.length > 0 && (
                <button type="button" className="link-button" onClick={() => onZoomTo(s.id)}>
                  Zoom to<span className="visually-hidden"> {s.fileName}</span>
                </button>
              )}
              <button type="button" className="link-button" onClick={() => void props.remove(s.id)} aria-label={`Remove ${s.fileName}`}>
                Remove
              </button>
              {saveButton(s, `Save ${s.fileName} to the server…`)}
            </li>
          ))}
        </ul>
      )}
      {saves.map((saved, i) => (
        <SavedDataset
          key={i}
          saved={saved}
          onChanged={(dataset) => {
            setSaves((list) => list.map((x, j) => (j === i ? { ...x, dataset } : x)));
            save?.onChanged();
          }}
        />
      ))}
      {props.outcomes.length > 0 && ImportReport && (
        <div className="import__reports" data-testid="import-report">
          {props.outcomes.map((o, i) => {
            const stored = props.imports.find((s) => s.id === o.layerId);
            return (
              <div key={i}>
                <ImportReport o={o} {...(stored ? { onFlagAction: (ids: readonly string[], action: FlagAction) => props.applyFlags(stored.id, ids, action) } : {})} />
                {stored &&
                  (save ? (
                    saveButton(stored)
                  ) : (
                    <p className="muted">Sign in as an editor to save it to the server.</p>
                  ))}
              </div>
            );
          })}
          <button type="button" className="link-button" onClick={props.dismiss}>
            Dismiss report
          </button>
        </div>
      )}
    </section>
  );
}
