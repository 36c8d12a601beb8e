"use client";
// What a saved dataset brings with it when opened, as its owner or an admin sets it from what the page
// shows now: the current view as its default view, the reference point in force as its own, an imported
// layer as a context layer (lib/dataset/stored-description.ts has the limits), or nothing at all.
import { useEffect, useState } from "react";
import type { Feature } from "geojson";
import type { BBox } from "@/lib/geo/bbox";
import { readDescription, type DatasetDescription, type DatasetReference } from "@/lib/dataset/description";
import type { StoredDescription } from "@/lib/dataset/stored-description";
import { call } from "./api";
import StatusMessage, { type Message } from "./StatusMessage";

/** A layer of this browser's imports that can become a context layer. */
export interface LocalLayer {
  id: string;
  name: string;
  features: readonly Feature[];
}

/** What the page shows now, offered to the dataset as its own. */
export interface PageNow {
  /** The map's view [west, south, east, north]. */
  view: BBox | null;
  reference: DatasetReference | null;
  layers: readonly LocalLayer[];
}

interface Props {
  slug: string;
  now: PageNow;
  /** After a change: the page reads its descriptions again. */
  onChanged: (slug: string) => void;
}

const stored = (d: DatasetDescription): StoredDescription => ({
  reference: d.reference,
  defaultView: d.defaultView,
  // A stored description's layers are all areas (describedBy): nothing else comes back here.
  contextLayers: d.contextLayers.flatMap((l) => (l.kind === "area" ? [{ name: l.name, data: l.data }] : [])),
});

/** An import as a context layer: each feature's geometry, named by its place. */
function contextLayer(layer: LocalLayer): StoredDescription["contextLayers"][number] {
  const features = layer.features.map((f): Feature => {
    const place = f.properties?.location;
    return { type: "Feature", geometry: f.geometry, properties: typeof place === "string" && place !== "" ? { name: place } : {} };
  });
  return { name: layer.name, data: { type: "FeatureCollection", features } };
}

const viewText = (b: BBox) => `${b[1].toFixed(2)}–${b[3].toFixed(2)}° N, ${b[0].toFixed(2)}–${b[2].toFixed(2)}° E`;

export default function DescriptionPanel({ slug, now, onChanged }: Props) {
  const [description, setDescription] = useState<DatasetDescription | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const [chosen, setChosen] = useState("");
  const base = `/api/datasets/${slug}/description`;

  useEffect(() => {
    let live = true;
    void call<unknown>("GET", base).then((r) => {
      if (!live) return;
      if (!r.ok) return setMessage({ error: true, text: r.error });
      try {
        setDescription(readDescription(r.data));
      } catch (err) {
        setMessage({ error: true, text: (err as Error).message });
      }
    });
    return () => {
      live = false;
    };
  }, [base]);

  const save = async (change: Partial<StoredDescription> | null, done: string) => {
    if (!description) return;
    const r = change === null ? await call<{ description: unknown }>("DELETE", base) : await call<{ description: unknown }>("PUT", base, { ...stored(description), ...change });
    if (!r.ok) return setMessage({ error: true, text: r.error });
    setDescription(readDescription(r.data.description));
    setMessage({ error: false, text: done });
    onChanged(slug);
  };

  if (!description) return message ? <p className="error">{message.text}</p> : <p className="muted">Loading its description…</p>;
  const layer = now.layers.find((l) => l.id === chosen) ?? now.layers[0] ?? null;
  const { view, reference } = now;
  return (
    <div className="sharing" data-testid="dataset-description">
      <p className="muted">
        Opens on: {description.defaultView ? viewText(description.defaultView) : "its incidents"}. Reference point: {description.reference?.name ?? "none"}. Context layers:{" "}
        {description.contextLayers.length ? description.contextLayers.map((l) => l.name).join(", ") : "none"}.
      </p>
      <button type="button" className="link-button" disabled={!view} onClick={() => void save({ defaultView: view }, "The current view is its default view.")}>
        Use the current view as the default view
      </button>
      <button type="button" className="link-button" disabled={!reference} onClick={() => void save({ reference }, `${reference?.name} is its reference point.`)}>
        Use the reference point{reference ? ` (${reference.name})` : ""} as this dataset&apos;s
      </button>
      {now.layers.length > 0 && layer && (
        <div className="sharing__row">
          <select aria-label="Imported layer" value={layer.id} onChange={(e) => setChosen(e.target.value)}>
            {now.layers.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
          <button type="button" className="secondary-button" onClick={() => void save({ contextLayers: [...stored(description).contextLayers, contextLayer(layer)] }, `${layer.name} is a context layer.`)}>
            Add as context layer
          </button>
        </div>
      )}
      <button type="button" className="link-button" onClick={() => void save(null, "Cleared: it opens on its incidents, with no reference point or context.")}>
        Clear
      </button>
      <StatusMessage message={message} />
    </div>
  );
}
