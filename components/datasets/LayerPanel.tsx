"use client";
// Layer switches: the incidents, the context layers the open datasets bring (names are data: React text
// only), the analysis layers, and the saved datasets, each with its count and "Zoom to".
import type { LayerId } from "@/lib/url/state";
import type { CheckpointFeature } from "@/lib/incident/context-layers";
import type { OpenDataset } from "./useIncidents";
import type { ContextSwitch } from "./useOpenDatasets";

interface Props {
  layers: Record<LayerId, boolean>;
  onToggle: (id: LayerId, on: boolean) => void;
  /** Context layers of the open, visible datasets. */
  context: readonly ContextSwitch[];
  contextOff: readonly string[];
  onToggleContext: (key: string, on: boolean) => void;
  /** The saved datasets open on the page. */
  datasets: readonly OpenDataset[];
  /** Switches a dataset on or off, by its key. */
  onToggleDataset: (key: string, on: boolean) => void;
  onZoomTo: (key: string) => void;
  /** Checkpoints with no known position: listed, not drawn. */
  unplaced: CheckpointFeature[];
  tileStatus: "loading" | "online" | "offline";
}

function Switch({ checked, onChange, children }: { checked: boolean; onChange: (on: boolean) => void; children: React.ReactNode }) {
  return (
    <label className="layers__item">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} /> {children}
    </label>
  );
}

export default function LayerPanel({ layers, onToggle, context, contextOff, onToggleContext, datasets, onToggleDataset, onZoomTo, unplaced, tileStatus }: Props) {
  return (
    <section className="panel layers" aria-labelledby="layers-heading">
      <h2 id="layers-heading">Layers</h2>
      <Switch checked={layers.incidents} onChange={(on) => onToggle("incidents", on)}>
        Incidents
      </Switch>
      {context.map((c) =>
        c.kind === "area" ? (
          <Switch key={c.key} checked={!contextOff.includes(c.key)} onChange={(on) => onToggleContext(c.key, on)}>
            {c.name}
          </Switch>
        ) : (
          <Switch key={c.kind} checked={layers[c.kind]} onChange={(on) => onToggle(c.kind, on)}>
            {c.name}
          </Switch>
        ),
      )}
      <Switch checked={layers.rings} onChange={(on) => onToggle("rings", on)}>
        Distance rings
      </Switch>
      <Switch checked={layers.hotspots} onChange={(on) => onToggle("hotspots", on)}>
        Hotspots
      </Switch>
      {datasets.length > 0 && (
        <fieldset className="layers__datasets" data-testid="dataset-layers">
          <legend>Datasets</legend>
          {datasets.map((d) => (
            <div key={d.key} className="layers__dataset">
              <label className="layers__item">
                <input type="checkbox" checked={d.visible} disabled={d.error !== null} onChange={(e) => onToggleDataset(d.key, e.target.checked)} /> {d.name}
                {d.incidents !== null ? ` (${d.incidents.length})` : d.error !== null ? " (could not be loaded)" : " (loading…)"}
              </label>
              {d.incidents !== null && d.incidents.length > 0 && (
                <button type="button" className="link-button" onClick={() => onZoomTo(d.key)}>
                  Zoom to<span className="visually-hidden"> {d.name}</span>
                </button>
              )}
            </div>
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
