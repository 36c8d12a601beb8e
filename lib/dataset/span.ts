// A dataset's time span: the days the timeline opens on when the dataset is opened.
import type { IncidentProperties } from "../incident/model";
import { incidentDays } from "../incident/filter";
import { maxDay, minDay } from "../incident/days";

export interface TimeSpan {
  /** First and last day of every dated incident (event_date and event_date_end); null when none is dated. */
  from: string | null;
  to: string | null;
  dated: number;
  undated: number;
}

export function timeSpan(incidents: Iterable<{ properties: IncidentProperties }>): TimeSpan {
  let from: string | null = null;
  let to: string | null = null;
  let dated = 0;
  let undated = 0;
  for (const { properties } of incidents) {
    const days = incidentDays(properties);
    if (!days) {
      undated += 1;
      continue;
    }
    dated += 1;
    from = from === null ? days.from : minDay(from, days.from);
    to = to === null ? days.to : maxDay(to, days.to);
  }
  return { from, to, dated, undated };
}
