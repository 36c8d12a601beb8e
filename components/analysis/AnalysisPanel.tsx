"use client";
// The analysis beside the map: where distances are measured from, the incidents and fatalities in each
// distance band, and the hotspot settings with their result.
import { useMemo } from "react";
import type { IncidentFeature } from "@/lib/incident/model";
import type { ReferenceFeature } from "@/lib/incident/reference";
import type { HotspotResult } from "@/lib/analysis/hotspots";
import { REGION_PRECISION_NOTE, type HotspotOptions } from "@/lib/analysis/hotspot-terms";
import { distanceBands } from "./bands";

interface Props {
  /** The reference point in force; null when there is none (no bands then). */
  referenceName: string | null;
  /** The datasets' own reference point's name, when the user set another; "Back to" it. null: none to go back to. */
  datasetReferenceName: string | null;
  /** The user set the reference point. */
  chosenReference: boolean;
  picking: boolean;
  onPick: () => void;
  onResetReference: () => void;
  /** The filtered incidents, the point in force and whether the rings are shown: the bands are counted here. */
  features: readonly IncidentFeature[];
  reference: ReferenceFeature | null;
  rings: boolean;
  hotspotOptions: Required<HotspotOptions>;
  onHotspotOptions: (o: Required<HotspotOptions>) => void;
  hotspots: HotspotResult | null;
  hotspotsOn: boolean;
}

/** A labelled number input that reports only values within [min, max]. */
function NumberField(p: { label: string; unit?: string; value: number; min: number; max: number; step: number; onValue: (v: number) => void }) {
  return (
    <label>
      {p.label}{" "}
      <input
        type="number"
        min={p.min}
        max={p.max}
        step={p.step}
        value={p.value}
        onChange={(e) => {
          const v = Number(e.target.value);
          if (Number.isFinite(v) && v >= p.min && v <= p.max) p.onValue(v);
        }}
      />
      {p.unit ? ` ${p.unit}` : ""}
    </label>
  );
}

export default function AnalysisPanel(props: Props) {
  const { features, reference, rings, hotspots, hotspotOptions } = props;
  const bands = useMemo(() => distanceBands({ layers: { rings } }, features, reference), [rings, features, reference]);
  const maxBand = bands ? Math.max(1, ...bands.map((b) => b.incidents)) : 1;
  return (
    <section className="panel analysis" aria-labelledby="analysis-heading">
      <h2 id="analysis-heading">Analysis</h2>
      {props.referenceName !== null ? (
        <p>
          Distances from <strong data-testid="reference-name">{props.referenceName}</strong>
        </p>
      ) : (
        <p className="muted" data-testid="no-reference">
          No reference point: pick one on the map, use “Measure from here” on an incident, or search a place.
        </p>
      )}
      <div className="analysis__buttons">
        <button type="button" className="secondary-button" onClick={props.onPick} aria-pressed={props.picking}>
          {props.picking ? "Click the map…" : "Pick a point on the map"}
        </button>
        {props.chosenReference && (
          <button type="button" className="link-button" onClick={props.onResetReference}>
            {props.datasetReferenceName !== null ? `Back to ${props.datasetReferenceName}` : "Clear the reference point"}
          </button>
        )}
      </div>
      {bands && (
        <table className="bands" aria-label="Incidents and fatalities by distance band">
          <thead>
            <tr>
              <th scope="col">Band</th>
              <th scope="col">Incidents</th>
              <th scope="col">Killed</th>
            </tr>
          </thead>
          <tbody>
            {bands.map((b) => (
              <tr key={b.label} data-band={b.label}>
                <th scope="row">{b.label}</th>
                <td>
                  <span className="bands__bar" style={{ width: `${(b.incidents / maxBand) * 4}rem` }} aria-hidden />
                  <span data-field="incidents">{b.incidents}</span>
                  {b.regionPrecision > 0 && <span className="muted"> ({b.regionPrecision} region-only)</span>}
                </td>
                <td data-field="fatalities">{b.fatalities}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.hotspotsOn && (
        <div className="analysis__hotspots">
          <NumberField
            label="Hotspot radius"
            unit="km"
            value={hotspotOptions.radiusKm}
            min={0.1}
            max={100}
            step={0.1}
            onValue={(radiusKm) => props.onHotspotOptions({ ...hotspotOptions, radiusKm })}
          />
          <NumberField
            label="Minimum incidents"
            value={hotspotOptions.minPoints}
            min={1}
            max={1000}
            step={1}
            onValue={(minPoints) => props.onHotspotOptions({ ...hotspotOptions, minPoints: Math.round(minPoints) })}
          />
          {hotspots ? (
            <p data-testid="hotspot-summary">
              {hotspots.hotspots.features.length} hotspot{hotspots.hotspots.features.length === 1 ? "" : "s"}, {hotspots.noise.length} incidents in none
              (drawn with a grey ring), {hotspots.excluded.length} region-only left out.
            </p>
          ) : (
            <p className="muted">Computing…</p>
          )}
          <p className="muted">{REGION_PRECISION_NOTE}</p>
        </div>
      )}
    </section>
  );
}
