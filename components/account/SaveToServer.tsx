"use client";
// "Save to server…" for an import: as a new dataset (name, description, licence, source, visibility), or
// added to a dataset the account may add to. The imported FeatureCollection is posted as it is; the
// server checks it again and says which field and value it refuses. Once saved, `onStored` hands over the
// dataset (the page opens it in place of the local layer); SavedDataset says so and offers its sharing.
import { useEffect, useState, type FormEvent } from "react";
import type { IncidentCollection } from "@/lib/incident/model";
import type { Visibility } from "@/lib/rules/dataset";
import { call, type DatasetSummary } from "./api";
import { VisibilityOptions } from "./VisibilityOptions";
import SharingPanel from "./SharingPanel";

interface Props {
  fileName: string;
  collection: IncidentCollection;
  /** The dataset it was saved as (new, or the one it was added to) and how many incidents were added. */
  onStored: (saved: SavedTo) => void;
  /** The button's accessible name, when several layers each have one. */
  label?: string;
}

export interface SavedTo {
  dataset: DatasetSummary;
  added: number;
}

/** What was saved where, with the dataset's sharing for those who manage it. */
export function SavedDataset({ saved, onChanged }: { saved: SavedTo; onChanged: (dataset: DatasetSummary) => void }) {
  return (
    <div className="save" role="status">
      <p>
        Saved to the server: <a href={saved.dataset.url}>{saved.dataset.name}</a> ({saved.added} incidents added
        {saved.dataset.incidents !== undefined ? `, ${saved.dataset.incidents} in all` : ""}), and open on the map in place of the file.
      </p>
      {saved.dataset.access.manage && <SharingPanel dataset={saved.dataset} onChanged={onChanged} />}
    </div>
  );
}

export default function SaveToServer({ fileName, collection, onStored, label }: Props) {
  const [open, setOpen] = useState(false);
  const [mode, setMode] = useState<"new" | "add">("new");
  const [targets, setTargets] = useState<DatasetSummary[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    void call<{ datasets: DatasetSummary[] }>("GET", "/api/datasets").then((r) => r.ok && setTargets(r.data.datasets.filter((d) => d.access.add)));
  }, [open]);

  if (!open) {
    return (
      <button type="button" className="secondary-button" onClick={() => setOpen(true)} aria-label={label}>
        Save to server…
      </button>
    );
  }

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const get = (k: string) => String(f.get(k) ?? "");
    setBusy(true);
    setError(null);
    if (mode === "new") {
      const r = await call<{ dataset: DatasetSummary }>("POST", "/api/datasets", {
        name: get("name"),
        description: get("description"),
        licence: get("licence"),
        source: get("source"),
        visibility: get("visibility") as Visibility,
        collection,
      });
      if (r.ok) onStored({ dataset: r.data.dataset, added: collection.features.length });
      else setError(r.error);
    } else {
      const slug = get("target");
      const r = await call<{ added: number }>("POST", `/api/datasets/${slug}/incidents`, { collection });
      const d = r.ok ? await call<{ dataset: DatasetSummary }>("GET", `/api/datasets/${slug}`) : null;
      if (r.ok && d?.ok) onStored({ dataset: d.data.dataset, added: r.data.added });
      else setError(r.ok ? "saved, but the dataset could not be read back" : r.error);
    }
    setBusy(false);
  };

  return (
    <form className="save" onSubmit={(e) => void submit(e)} aria-label={`Save ${fileName} to the server`}>
      <fieldset>
        <legend>Save {collection.features.length} incidents to the server</legend>
        <label>
          <input type="radio" name="mode" checked={mode === "new"} onChange={() => setMode("new")} /> as a new dataset
        </label>
        <label>
          <input type="radio" name="mode" checked={mode === "add"} onChange={() => setMode("add")} disabled={targets.length === 0} /> added to one of mine
        </label>
      </fieldset>
      {mode === "new" ? (
        <>
          <label>
            Name <input name="name" required maxLength={200} defaultValue={fileName.replace(/\.[^.]+$/, "")} />
          </label>
          <label>
            Description <textarea name="description" maxLength={5000} rows={2} />
          </label>
          <label>
            Licence <input name="licence" maxLength={200} placeholder="e.g. CC BY 4.0" />
          </label>
          <label>
            Source <input name="source" maxLength={1000} placeholder="who reported it, where" />
          </label>
          <label>
            Who can open it{" "}
            <select name="visibility" defaultValue="private">
              <VisibilityOptions />
            </select>
          </label>
        </>
      ) : (
        <label>
          Dataset{" "}
          <select name="target" required>
            {targets.map((d) => (
              <option key={d.slug} value={d.slug}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <div className="sharing__row">
        <button type="submit" className="secondary-button" disabled={busy}>
          {busy ? "Saving…" : "Save"}
        </button>
        <button type="button" className="link-button" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          Not saved: {error}
        </p>
      )}
    </form>
  );
}
