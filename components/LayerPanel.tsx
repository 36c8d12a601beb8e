"use client";
// Layer switches. The names are static strings here, never taken from data.
import { LAYER_IDS, type LayerId } from "@/lib/url/state";
import type { CheckpointFeature } from "@/lib/incident/context-layers";
import type { DatasetLayer } from "./useIncidents";

const LAYER_NAMES: Record<LayerId, string> = {
  incidents: "Incidents",
  checkpoints: "Checkpoints",
  siege: "Siege of Daraa al-Balad",
  rings: "Distance rings",
  hotspots: "Hotspots",
};

interface Props {
  layers: Record<LayerId, boolean>;
  onToggle: (id: LayerId, on: boolean) => void;
  /** The page's datasets, one switch each when there are several (names are data: React text only). */
  datasets: DatasetLayer[];
  onToggleDataset: (slug: string, on: boolean) => void;
  /** Checkpoints with no known position: listed, not drawn. */
  unplaced: CheckpointFeature[];
  tileStatus: "loading" | "online" | "offline";
}

export default function LayerPanel({ layers, onToggle, datasets, onToggleDataset, unplaced, tileStatus }: Props) {
  return (
    <section className="panel layers" aria-labelledby="layers-heading">
      <h2 id="layers-heading">Layers</h2>
      {LAYER_IDS.map((id) => (
        <label key={id} className="layers__item">
          <input type="checkbox" checked={layers[id]} onChange={(e) => onToggle(id, e.target.checked)} /> {LAYER_NAMES[id]}
        </label>
      ))}
      {datasets.length > 1 && (
        <fieldset className="layers__datasets" data-testid="dataset-layers">
          <legend>Datasets</legend>
          {datasets.map((d) => (
            <label key={d.slug} className="layers__item">
              <input type="checkbox" checked={d.visible} disabled={d.error !== null} onChange={(e) => onToggleDataset(d.slug, e.target.checked)} /> {d.name ?? d.slug}
              {d.count !== null ? ` (${d.count})` : d.error !== null ? " (could not be loaded)" : " (loading…)"}
            </label>
          ))}
        </fieldset>
      )}
      {datasets.some((d) => d.error !== null) && datasets.length > 1 && (
        <p className="error">{datasets.filter((d) => d.error !== null).map((d) => d.error).join("; ")}</p>
      )}
      {layers.checkpoints && unplaced.length > 0 && (
        <div className="layers__note">
          <p>Not drawn (no source gives a position):</p>
          <ul>
            {unplaced.map((f) => (
              <li key={f.properties.id}>
                {f.properties.name}
                {f.properties.count > 1 ? ` (${f.properties.count})` : ""}
              </li>
            ))}
          </ul>
        </div>
      )}
      <p className="layers__base" role="status" data-tiles={tileStatus}>
        Base map:{" "}
        {tileStatus === "online"
          ? "OpenStreetMap tiles"
          : tileStatus === "offline"
            ? "offline (OpenStreetMap tiles could not be loaded; showing the bundled map)"
            : "loading tiles…"}
      </p>
    </section>
  );
}
