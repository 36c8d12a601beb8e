"use client";
// The incidents in view and filter, as a table a screen reader can read, sortable by date, distance and
// fatalities. Choosing a row selects the incident on the map; a selection on the map scrolls to its row.
// Only the rows shown are sorted: the first LIST_LIMIT are picked in slices (components/layout/useSliced.ts).
import { useEffect, useMemo, useRef, useState } from "react";
import type { PlacedIncident } from "@/lib/incident/place";
import { dateText } from "@/lib/incident/describe";
import { useSliced } from "../layout/useSliced";
import { firstRowSteps, LIST_LIMIT, type Sort, type SortKey } from "./list-rows";

const NO_ROWS: PlacedIncident[] = [];

interface Props {
  incidents: readonly PlacedIncident[];
  total: number;
  selectedId: string | null;
  onSelect: (id: string) => void;
  /** A reference point is in force: the list has a distance column. */
  measured: boolean;
}

export default function IncidentList({ incidents, total, selectedId, onSelect, measured }: Props) {
  const [chosenSort, setSort] = useState<Sort>({ key: "date", dir: 1 });
  // Without a reference point there is no distance to sort by.
  const sort: Sort = useMemo(() => (!measured && chosenSort.key === "distance" ? { key: "date", dir: 1 } : chosenSort), [measured, chosenSort]);
  const rows = useSliced(firstRowSteps, incidents, sort) ?? NO_ROWS;
  const body = useRef<HTMLTableSectionElement>(null);

  useEffect(() => {
    if (!selectedId) return;
    body.current?.querySelector(`[data-event-id="${CSS.escape(selectedId)}"]`)?.scrollIntoView({ block: "nearest" });
  }, [selectedId]);

  const header = (key: SortKey, label: string) => (
    <th scope="col" aria-sort={sort.key === key ? (sort.dir === 1 ? "ascending" : "descending") : "none"}>
      <button type="button" className="sort-button" onClick={() => setSort({ key, dir: sort.key === key ? (-sort.dir as 1 | -1) : 1 })}>
        {label}
        {sort.key === key ? (sort.dir === 1 ? " ▲" : " ▼") : ""}
      </button>
    </th>
  );

  return (
    <section className="panel list" aria-labelledby="list-heading">
      <h2 id="list-heading">
        Incidents <span className="muted" data-testid="list-count">{incidents.length} of {total}</span>
      </h2>
      <div className="list__scroll">
        <table>
          <caption className="visually-hidden">Incidents in view and filter</caption>
          <thead>
            <tr>
              {header("date", "Date")}
              <th scope="col">Place and type</th>
              {header("fatalities", "Killed")}
              {measured && header("distance", "km")}
            </tr>
          </thead>
          <tbody ref={body}>
            {rows.map((p) => {
              const q = p.feature.properties;
              const selected = q.event_id === selectedId;
              return (
                <tr key={q.event_id} data-event-id={q.event_id} aria-selected={selected} className={selected ? "is-selected" : undefined}>
                  <td className="list__date">{dateText(q)}</td>
                  <td>
                    <button type="button" className="list__place" onClick={() => onSelect(q.event_id)} aria-pressed={selected}>
                      {q.location}
                    </button>
                    <div className="muted">{q.sub_event_type || q.event_type}</div>
                  </td>
                  <td className="num">{q.fatalities}</td>
                  {measured && (
                    <td className="num">
                      {p.distance.km.toFixed(1)}
                      {p.distance.to !== "point" ? "*" : ""}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
        {incidents.length > LIST_LIMIT && <p className="muted">{incidents.length - LIST_LIMIT} more: zoom in or filter to list them.</p>}
        {measured && incidents.some((p) => p.distance.to !== "point") && <p className="muted">* to the nearest point of a road or area</p>}
      </div>
    </section>
  );
}
