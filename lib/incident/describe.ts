// Words for the codes users read: precision levels, dates, accessible names. One place, so the map,
// the details panel and the list say the same thing.
import type { GeoPrecision, IncidentProperties, TimePrecision } from "./model";

export const GEO_PRECISION_TEXT: Record<GeoPrecision, string> = {
  1: "the named place itself",
  2: "near the named place, or part of it",
  3: "only a region is known",
};

export const TIME_PRECISION_TEXT: Record<TimePrecision, string> = {
  1: "exact day",
  2: "within a range of days or a week",
  3: "month or less known",
};

/** "2021-08-29 – 2021-08-30", "2021-08-14", or "date not given". */
export function dateText(p: Pick<IncidentProperties, "event_date" | "event_date_end">): string {
  if (!p.event_date) return "date not given";
  return p.event_date_end && p.event_date_end !== p.event_date ? `${p.event_date} – ${p.event_date_end}` : p.event_date;
}

/** "Tafas, 2021-08-26 — Shelling/artillery/missile attack": place, date, what. */
export function incidentLabel(p: IncidentProperties): string {
  return `${p.location}, ${dateText(p)} — ${p.sub_event_type || p.event_type}`;
}

/** Labels made unique by numbering repeats: "…, 2021-07-31 — Attack (2 of 3)". */
export function uniqueLabels(props: readonly IncidentProperties[]): string[] {
  return numberedRepeats(props.map(incidentLabel));
}

/** incidentLabel's labels (of all the incidents, in order) with their repeats numbered, as uniqueLabels gives them. */
export function numberedRepeats(labels: readonly string[]): string[] {
  const total = new Map<string, number>();
  for (const l of labels) total.set(l, (total.get(l) ?? 0) + 1);
  const seen = new Map<string, number>();
  return labels.map((l) => {
    const n = total.get(l)!;
    if (n === 1) return l;
    const i = (seen.get(l) ?? 0) + 1;
    seen.set(l, i);
    return `${l} (${i} of ${n})`;
  });
}
