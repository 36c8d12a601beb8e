// The dataset's summary: how many incidents of each kind and precision, and how much of the infobox's
// toll the itemised events account for. Counts are conservative: an event whose source gives no
// number counts 0, so "itemised" is a floor, not an estimate.
import { EVENT_TYPES, type IncidentFeature } from "../../incident/model";
import type { InfoboxCasualties } from "./article";

export interface CasualtyLine {
  side: "government" | "rebels" | "civilians";
  measure: "killed" | "captured";
  itemised: number;
  infobox: number;
  /** itemised / infobox in percent, one decimal; null when the infobox gives 0. */
  share_pct: number | null;
  /** The event ids whose counts make up `itemised`. */
  events: string[];
}

export interface DatasetSummary {
  incidents: number;
  by_event_type: Record<string, number>;
  by_sub_event_type: Record<string, number>;
  by_geo_precision: Record<"1" | "2" | "3", number>;
  by_time_precision: Record<"1" | "2" | "3", number>;
  /** Per event type, how its events split by geo_precision and time_precision. */
  by_event_type_and_precision: Record<string, { geo_precision: Record<"1" | "2" | "3", number>; time_precision: Record<"1" | "2" | "3", number> }>;
  undated: number;
  by_phase: Record<string, number>;
  casualties: {
    note: string;
    lines: CasualtyLine[];
    total_killed: { itemised: number; infobox: number; share_pct: number | null };
    /** Fatalities of events whose side could not be told; none in this dataset so far. */
    killed_side_unknown: number;
    /** Fatalities whose side the sources disagree on: in the total, on neither side's line. */
    killed_side_disputed: { itemised: number; events: string[]; note: string };
    wounded_itemised: number;
  };
}

function pct(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 10;
}

function tally(values: Iterable<string>, order: readonly string[] = []): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of order) out[k] = 0; // fixed keys first, so the JSON keeps the same shape
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

export function summarise(features: readonly IncidentFeature[], infobox: InfoboxCasualties): DatasetSummary {
  const props = features.map((f) => f.properties);
  const subTypes = [...new Set(props.map((p) => p.sub_event_type))].sort();

  const line = (side: CasualtyLine["side"], measure: CasualtyLine["measure"], infoboxN: number): CasualtyLine => {
    // Captured soldiers are government losses, whichever side an event's dead are on.
    const hits = measure === "killed" ? props.filter((p) => p.fatalities_side === side && p.fatalities > 0) : props.filter((p) => (p.captured ?? 0) > 0);
    const n = hits.reduce((s, p) => s + (measure === "killed" ? p.fatalities : (p.captured ?? 0)), 0);
    return { side, measure, itemised: n, infobox: infoboxN, share_pct: pct(n, infoboxN), events: hits.map((p) => p.event_id) };
  };
  const lines = [
    line("government", "killed", infobox.government.killed),
    line("government", "captured", infobox.government.captured),
    line("rebels", "killed", infobox.rebels.killed),
    line("civilians", "killed", infobox.civilians.killed),
  ];
  const sideless = (side: "unknown" | "disputed") => props.filter((p) => p.fatalities_side === side && p.fatalities > 0);
  const killedLines = lines.filter((l) => l.measure === "killed");
  const itemisedKilled = killedLines.reduce((s, l) => s + l.itemised, 0) + [...sideless("unknown"), ...sideless("disputed")].reduce((s, p) => s + p.fatalities, 0);
  const infoboxKilled = killedLines.reduce((s, l) => s + l.infobox, 0);

  return {
    incidents: features.length,
    by_event_type: tally(props.map((p) => p.event_type), EVENT_TYPES),
    by_sub_event_type: tally(props.map((p) => p.sub_event_type), subTypes),
    by_geo_precision: tally(props.map((p) => String(p.geo_precision)), ["1", "2", "3"]) as DatasetSummary["by_geo_precision"],
    by_time_precision: tally(props.map((p) => String(p.time_precision)), ["1", "2", "3"]) as DatasetSummary["by_time_precision"],
    by_event_type_and_precision: Object.fromEntries(
      EVENT_TYPES.map((t) => {
        const of = props.filter((p) => p.event_type === t);
        return [
          t,
          {
            geo_precision: tally(of.map((p) => String(p.geo_precision)), ["1", "2", "3"]) as Record<"1" | "2" | "3", number>,
            time_precision: tally(of.map((p) => String(p.time_precision)), ["1", "2", "3"]) as Record<"1" | "2" | "3", number>,
          },
        ];
      }),
    ),
    undated: props.filter((p) => p.event_date === null).length,
    by_phase: tally(props.map((p) => String(p.phase)), ["background", "offensive", "reaction"]),
    casualties: {
      note:
        "Itemised = the sum over events whose sentence gives a number; events that report casualties without a number count 0. Infobox = the article's infobox totals for the offensive (casualties1: government, casualties2: rebels, casualties3: civilians). The gap is the toll the article reports without itemising it.",
      lines,
      total_killed: { itemised: itemisedKilled, infobox: infoboxKilled, share_pct: pct(itemisedKilled, infoboxKilled) },
      killed_side_unknown: sideless("unknown").reduce((s, p) => s + p.fatalities, 0),
      killed_side_disputed: {
        itemised: sideless("disputed").reduce((s, p) => s + p.fatalities, 0),
        events: sideless("disputed").map((p) => p.event_id),
        note: "Dead whose side the sources disagree on (each event's notes say why): counted in the total killed, on neither side's line.",
      },
      wounded_itemised: props.reduce((s, p) => s + (p.wounded ?? 0), 0),
    },
  };
}
