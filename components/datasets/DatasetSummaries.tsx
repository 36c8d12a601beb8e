"use client";
// A summary for each dataset switched on (lib/analysis/summary.ts), after the filters but not the map's
// view: what a researcher reads of a dataset before its map, worked out in slices (components/layout/useSliced.ts).
// Names and places are data: React text only.
import { summarySteps, UNKNOWN_PLACE, type Count, type DatasetSummary } from "@/lib/analysis/summary";
import { filterSteps, type IncidentFilter } from "@/lib/incident/filter";
import type { Steps } from "@/lib/incident/steps";
import { asFilterable, type PlacedIncident } from "@/lib/incident/placed";
import type { IncidentProperties } from "@/lib/incident/model";
import { usePointCountries, type PointCountry } from "./usePointCountries";
import { usePointDivisions, type PointDivision } from "./usePointDivisions";
import { useSliced } from "../layout/useSliced";

// @option LONG_LIST: number = 8
// Rows of a count list shown before "N more"; the rest open on demand.
const LONG_LIST = 8;

interface SummaryDataset {
  key: string;
  name: string;
  visible: boolean;
  incidents: readonly PlacedIncident[] | null;
}

interface Props {
  /** The datasets open on the page (components/datasets/useIncidents.ts's `open`). */
  datasets: readonly SummaryDataset[];
  filter: IncidentFilter;
}

// Digits grouped by hand, as en-GB does: the first toLocaleString of a page loads the locale's data, a few
// hundred milliseconds of the page's thread while the map draws its first markers.
const number = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");

function Counts({ title, counts }: { title: string; counts: readonly Count[] }) {
  if (counts.length === 0) return null;
  const rows = (list: readonly Count[]) =>
    list.map(([name, n]) => (
      <li key={name}>
        {name}: {number(n)}
      </li>
    ));
  return (
    <div className="summary__counts">
      <h4>{title}</h4>
      <ul>{rows(counts.slice(0, LONG_LIST))}</ul>
      {counts.length > LONG_LIST && (
        <details>
          <summary>{counts.length - LONG_LIST} more</summary>
          <ul>{rows(counts.slice(LONG_LIST))}</ul>
        </details>
      )}
    </div>
  );
}

interface Placing {
  /** Some point's country, or division, is still being looked up, so the counts will change. */
  countries: boolean;
  divisions: boolean;
  /** Some division lookup failed: those points count as in no division. */
  divisionsFailed: boolean;
}

function Summary({ name, total, s, placing }: { name: string; total: number; s: DatasetSummary; placing: Placing }) {
  return (
    <section className="summary__dataset" aria-label={`Summary of ${name}`}>
      <h3>{name}</h3>
      <dl>
        <dt>Incidents</dt>
        <dd data-testid="summary-incidents">
          {number(s.incidents)}
          {s.incidents !== total ? ` of ${number(total)}` : ""}
        </dd>
        <dt>Dates</dt>
        <dd data-testid="summary-dates">
          {s.dated ? (
            s.dated.from === s.dated.to ? (
              <span className="summary__day">{s.dated.from}</span>
            ) : (
              <>
                <span className="summary__day">{s.dated.from}</span> to <span className="summary__day">{s.dated.to}</span>
              </>
            )
          ) : (
            "none dated"
          )}
        </dd>
        <dt>Undated</dt>
        <dd data-testid="summary-undated">{number(s.undated)}</dd>
        <dt>Located only to a region</dt>
        <dd data-testid="summary-region-only">{number(s.regionOnly)}</dd>
        <dt>Fatalities</dt>
        <dd data-testid="summary-fatalities">{number(s.fatalities)}</dd>
      </dl>
      <Counts title="By event type" counts={s.byType} />
      <Counts title="By month (of the first day)" counts={s.byMonth} />
      <Counts title="By country" counts={s.byCountry} />
      {s.countryFromPoint > 0 && (
        <p className="muted" data-testid="summary-country-from-point">
          {number(s.countryFromPoint)} placed in a country from their point: the file names none.
        </p>
      )}
      {placing.countries && <p className="muted">Finding the countries of points the file leaves unnamed…</p>}
      <Counts title="By first-level division" counts={s.byDivision} />
      {s.divisionFromPoint > 0 && (
        <p className="muted" data-testid="summary-division-from-point">
          {number(s.divisionFromPoint)} placed in the division of the nearest town (GeoNames, within 100 km, same country): the file names none.
        </p>
      )}
      {placing.divisions && <p className="muted">Finding the divisions of points the file leaves unnamed…</p>}
      {placing.divisionsFailed && s.byDivision.some(([place]) => place === UNKNOWN_PLACE) && <p className="muted">The divisions of some points could not be found; they count as unknown.</p>}
    </section>
  );
}

interface SummaryRow {
  key: string;
  name: string;
  total: number;
  s: DatasetSummary;
  placing: Placing;
}

/** The summary of each visible dataset under `filter`, in steps. */
function* summaryRowSteps(datasets: readonly SummaryDataset[], filter: IncidentFilter, countryOf: PointCountry, divisionOf: PointDivision, divisionsFailed: boolean): Steps<SummaryRow[]> {
  // The filters, not the view: the summary is of the whole dataset.
  const whole: IncidentFilter = { ...filter, bbox: undefined };
  const rows: SummaryRow[] = [];
  for (const d of datasets) {
    if (!d.visible || d.incidents === null) continue;
    const placing: Placing = { countries: false, divisions: false, divisionsFailed };
    const country = (p: IncidentProperties) => {
      const found = countryOf(d.key, p);
      if (found === undefined) placing.countries = true;
      return found;
    };
    const division = (p: IncidentProperties) => {
      const found = divisionOf(d.key, p);
      if (found === undefined) placing.divisions = true;
      return found;
    };
    const kept = yield* filterSteps(d.incidents, asFilterable, whole);
    const s = yield* summarySteps(
      kept.map((p) => p.feature.properties),
      { country, division },
    );
    rows.push({ key: d.key, name: d.name, total: d.incidents.length, s, placing });
  }
  return rows;
}

export default function DatasetSummaries({ datasets, filter }: Props) {
  const countryOf = usePointCountries(datasets);
  const { divisionOf, failed: divisionsFailed } = usePointDivisions(datasets);
  const summaries = useSliced(summaryRowSteps, datasets, filter, countryOf, divisionOf, divisionsFailed) ?? [];
  if (summaries.length === 0) return null;
  return (
    <section className="panel summary" aria-labelledby="summary-heading">
      <h2 id="summary-heading">Summary</h2>
      <p className="muted">With the filters in force, wherever the incidents lie.</p>
      {summaries.map(({ key, name, total, s, placing }) => (
        <Summary key={key} name={name} total={total} s={s} placing={placing} />
      ))}
    </section>
  );
}
