"use client";
// Bring your own incidents: a file picker (or drop a file anywhere on the page), each import a layer
// that can be hidden or removed, and a report of what came in and what did not. All of it is text.
import type { StoredImport } from "./importStore";
import type { ImportOutcome } from "./useImports";
import { MAX_IMPORT_BYTES } from "@/lib/import/limits";
import SaveToServer from "./account/SaveToServer";

interface Props {
  imports: StoredImport[];
  visible: Record<string, boolean>;
  busy: boolean;
  outcomes: ImportOutcome[];
  onFiles: (files: File[]) => void;
  onToggle: (id: string, on: boolean) => void;
  onRemove: (id: string) => void;
  onDismiss: () => void;
  /** Saving to the server: null when nobody is signed in (or the account cannot save). */
  save: { onSaved: () => void } | null;
}

function Report({ o, stored, save }: { o: ImportOutcome; stored?: StoredImport; save: Props["save"] }) {
  if (o.error) {
    return (
      <div className="import__report import__report--error" role="alert">
        <strong>{o.fileName}</strong>: refused, nothing was imported. {o.error}
      </div>
    );
  }
  const r = o.report!;
  return (
    <div className="import__report" role="status">
      <strong>{o.fileName}</strong>: {r.accepted} of {r.total} imported ({r.format.toUpperCase()}, {r.encoding}
      {r.separator ? `, separated by ${r.separator === "\t" ? "tabs" : `"${r.separator}"`}` : ""}).
      {r.rejected.length > 0 && (
        <details open>
          <summary>{r.rejected.length} rejected</summary>
          <ul>
            {r.rejected.map((x, i) => (
              <li key={i}>
                {r.format === "csv" ? "Row" : "Feature"} {x.row}
                {x.line !== undefined ? ` (line ${x.line})` : ""}, {x.field} = {x.value}: {x.message}
              </li>
            ))}
          </ul>
        </details>
      )}
      {r.ambiguous.length > 0 && (
        <details open>
          <summary>{r.ambiguous.length} ambiguous places, not placed</summary>
          <ul>
            {r.ambiguous.map((x, i) => (
              <li key={i}>
                Row {x.row}, “{x.place}”: could be {x.candidates.join(" or ")}
              </li>
            ))}
          </ul>
        </details>
      )}
      {r.unresolved.length > 0 && (
        <details open>
          <summary>{r.unresolved.length} unresolved places, not placed</summary>
          <ul>
            {r.unresolved.map((x, i) => (
              <li key={i}>
                Row {x.row}, “{x.place}”
              </li>
            ))}
          </ul>
        </details>
      )}
      {r.warnings.length > 0 && (
        <ul className="muted">
          {r.warnings.map((w, i) => (
            <li key={i}>{w}</li>
          ))}
        </ul>
      )}
      {stored && (save ? <SaveToServer fileName={stored.fileName} collection={stored.collection} onSaved={save.onSaved} /> : <p className="muted">Sign in as an editor to save it to the server.</p>)}
    </div>
  );
}

export default function ImportPanel(props: Props) {
  return (
    <section className="panel import" aria-labelledby="import-heading">
      <h2 id="import-heading">Your incidents</h2>
      <label className="import__pick">
        <span className="secondary-button">{props.busy ? "Reading…" : "Import GeoJSON or CSV"}</span>
        <input
          type="file"
          accept=".geojson,.json,.csv,application/geo+json,application/json,text/csv"
          multiple
          disabled={props.busy}
          className="visually-hidden"
          aria-label="Import incidents from GeoJSON or CSV files"
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = "";
            if (files.length) props.onFiles(files);
          }}
        />
      </label>
      <p className="muted">Or drop files on the page. Up to {MAX_IMPORT_BYTES / 1024 / 1024} MB each; kept in this browser until you save them to the server.</p>
      {props.imports.length > 0 && (
        <ul className="import__list">
          {props.imports.map((s) => (
            <li key={s.id}>
              <label className="layers__item">
                <input type="checkbox" checked={props.visible[s.id] ?? true} onChange={(e) => props.onToggle(s.id, e.target.checked)} />
                <span>
                  {s.fileName} ({s.collection.features.length})
                </span>
              </label>
              <button type="button" className="link-button" onClick={() => props.onRemove(s.id)} aria-label={`Remove ${s.fileName}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      {props.outcomes.length > 0 && (
        <div className="import__reports" data-testid="import-report">
          {props.outcomes.map((o, i) => (
            <Report key={i} o={o} stored={props.imports.find((s) => s.id === o.importId)} save={props.save} />
          ))}
          <button type="button" className="link-button" onClick={props.onDismiss}>
            Dismiss report
          </button>
        </div>
      )}
    </section>
  );
}
