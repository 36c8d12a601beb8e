"use client";
// Filters by event type, actor, fatalities and precision, each value with the count ticking it would give.
import { useState } from "react";
import { EVENT_TYPES, type EventType, type GeoPrecision } from "@/lib/incident/model";
import type { IncidentFilter } from "@/lib/incident/filter";
import type { FacetCounts } from "@/lib/incident/facets";
import { GEO_PRECISION_TEXT } from "@/lib/incident/describe";

// @option ACTORS_SHOWN: number = 6
// Actors listed before "Show all": the busiest ones.
const ACTORS_SHOWN = 6;

interface Props {
  filter: IncidentFilter;
  counts: FacetCounts;
  onChange: (filter: IncidentFilter) => void;
}

function toggle<T>(list: readonly T[] | undefined, value: T, on: boolean): T[] | undefined {
  const next = on ? [...(list ?? []), value] : (list ?? []).filter((v) => v !== value);
  return next.length ? next : undefined;
}

export default function FilterPanel({ filter, counts, onChange }: Props) {
  const [allActors, setAllActors] = useState(false);
  const actors = [...counts.actors];
  const shownActors = allActors ? actors : actors.slice(0, ACTORS_SHOWN);
  const active = Object.keys(filter).some((k) => k !== "from" && k !== "to" && k !== "includeUndated");

  return (
    <section className="panel filters" aria-labelledby="filters-heading">
      <div className="panel__head">
        <h2 id="filters-heading">Filters</h2>
        {active && (
          <button type="button" className="link-button" onClick={() => onChange({ from: filter.from, to: filter.to, includeUndated: filter.includeUndated })}>
            Clear
          </button>
        )}
      </div>
      <fieldset>
        <legend>Event type</legend>
        {EVENT_TYPES.map((t: EventType) => (
          <label key={t} className="filters__item">
            <input type="checkbox" checked={filter.types?.includes(t) ?? false} onChange={(e) => onChange({ ...filter, types: toggle(filter.types, t, e.target.checked) })} />
            <span>{t}</span> <span className="muted">({counts.types.get(t) ?? 0})</span>
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Fatalities</legend>
        {([undefined, "some", "none"] as const).map((v) => (
          <label key={v ?? "any"} className="filters__item">
            <input type="radio" name="fatalities" checked={filter.fatalities === v} onChange={() => onChange({ ...filter, fatalities: v })} />
            <span>{v === undefined ? "Any" : v === "some" ? "At least one" : "None"}</span>
            {v && <span className="muted"> ({counts.fatalities[v]})</span>}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Location precision</legend>
        {([1, 2, 3] as GeoPrecision[]).map((p) => (
          <label key={p} className="filters__item">
            <input type="checkbox" checked={filter.geoPrecision?.includes(p) ?? false} onChange={(e) => onChange({ ...filter, geoPrecision: toggle(filter.geoPrecision, p, e.target.checked) })} />
            <span>{GEO_PRECISION_TEXT[p]}</span> <span className="muted">({counts.geoPrecision.get(p) ?? 0})</span>
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Actor</legend>
        {shownActors.map(([a, n]) => (
          <label key={a} className="filters__item">
            <input type="checkbox" checked={filter.actors?.includes(a) ?? false} onChange={(e) => onChange({ ...filter, actors: toggle(filter.actors, a, e.target.checked) })} />
            <span>{a}</span> <span className="muted">({n})</span>
          </label>
        ))}
        {actors.length > ACTORS_SHOWN && (
          <button type="button" className="link-button" onClick={() => setAllActors(!allActors)}>
            {allActors ? "Show fewer" : `Show all ${actors.length}`}
          </button>
        )}
      </fieldset>
    </section>
  );
}
