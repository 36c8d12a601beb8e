"use client";
// Filters by event type, actor, fatalities, precision and each of a file's own facets, each value with the
// count ticking it would give.
import { useState } from "react";
import type { GeoPrecision } from "@/lib/incident/model";
import type { CategoryStyles } from "@/lib/display/event-style";
import type { IncidentFilter } from "@/lib/incident/filter";
import type { FacetCounts } from "@/lib/incident/facets";
import { GEO_PRECISION_TEXT } from "@/lib/incident/describe";

// @option VALUES_SHOWN: number = 6
// Actors and values of a file's facet listed before "Show all": the busiest ones.
const VALUES_SHOWN = 6;

interface Props {
  filter: IncidentFilter;
  counts: FacetCounts;
  /** The legend's categories and order. */
  styles: CategoryStyles;
  onChange: (filter: IncidentFilter) => void;
}

/** The filter with one facet value ticked or not; a facet with no value ticked, and then no facets, are left out. */
function toggleFacet(filter: IncidentFilter, key: string, value: string, on: boolean): IncidentFilter {
  const ticked = toggle(filter.facets && Object.hasOwn(filter.facets, key) ? filter.facets[key] : undefined, value, on);
  const rest = Object.entries(filter.facets ?? {}).filter(([k]) => k !== key);
  const facets = Object.fromEntries(ticked ? [...rest, [key, ticked]] : rest);
  const next: IncidentFilter = { ...filter, facets };
  if (Object.keys(facets).length === 0) delete next.facets;
  return next;
}

function toggle<T>(list: readonly T[] | undefined, value: T, on: boolean): T[] | undefined {
  const next = on ? [...(list ?? []), value] : (list ?? []).filter((v) => v !== value);
  return next.length ? next : undefined;
}

export default function FilterPanel({ filter, counts, styles, onChange }: Props) {
  const [allTypes, setAllTypes] = useState(false);
  // Every category with a style of its own, then the rest behind "Show all"; a ticked one always shows,
  // even one only the link names (it matches nothing, and can be unticked).
  const others = new Set(styles.others);
  const ticked = filter.types ?? [];
  const types = [
    ...styles.categories.filter((t) => !others.has(t) || allTypes || ticked.includes(t)),
    ...ticked.filter((t) => !styles.categories.includes(t)),
  ];
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
        {types.map((t) => (
          <label key={t} className="filters__item">
            <input type="checkbox" checked={ticked.includes(t)} onChange={(e) => onChange({ ...filter, types: toggle(filter.types, t, e.target.checked) })} />
            <bdi>{t}</bdi> <span className="muted">({counts.types.get(t) ?? 0})</span>
          </label>
        ))}
        {styles.others.length > 0 && (
          <button type="button" className="link-button" onClick={() => setAllTypes(!allTypes)}>
            {allTypes ? "Show fewer" : `Show all ${styles.categories.length}`}
          </button>
        )}
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
      {[...counts.fileFacets].map(([key, values]) => (
        <FacetGroup key={key} name={key} fileFacet values={values} ticked={filter.facets && Object.hasOwn(filter.facets, key) ? filter.facets[key] : []} onToggle={(v, on) => onChange(toggleFacet(filter, key, v, on))} />
      ))}
      <FacetGroup name="Actor" fileFacet={false} values={counts.actors} ticked={filter.actors ?? []} onToggle={(a, on) => onChange({ ...filter, actors: toggle(filter.actors, a, on) })} />
    </section>
  );
}

interface FacetGroupProps {
  name: string;
  /** A file's own facet: marked `data-facet`, its name and values isolated (<bdi>) as the file's text. */
  fileFacet: boolean;
  /** Each value with its count, the busiest first. */
  values: ReadonlyMap<string, number>;
  ticked: readonly string[];
  onToggle: (value: string, on: boolean) => void;
}

/** The actors, or one of a file's facets: its values by count, the busiest first; a ticked value always shows. */
function FacetGroup({ name, fileFacet, values, ticked, onToggle }: FacetGroupProps) {
  const [all, setAll] = useState(false);
  const listed = [...values.keys()];
  const shown = [...(all ? listed : listed.filter((v, i) => i < VALUES_SHOWN || ticked.includes(v))), ...ticked.filter((v) => !values.has(v))];
  const Text = fileFacet ? "bdi" : "span";
  return (
    <fieldset data-facet={fileFacet ? name : undefined}>
      <legend>{fileFacet ? <bdi>{name}</bdi> : name}</legend>
      {shown.map((v) => (
        <label key={v} className="filters__item">
          <input type="checkbox" checked={ticked.includes(v)} onChange={(e) => onToggle(v, e.target.checked)} />
          <Text>{v}</Text> <span className="muted">({values.get(v) ?? 0})</span>
        </label>
      ))}
      {listed.length > VALUES_SHOWN && (
        <button type="button" className="link-button" onClick={() => setAll(!all)}>
          {all ? "Show fewer" : `Show all ${listed.length}`}
        </button>
      )}
    </fieldset>
  );
}
