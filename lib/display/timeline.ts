// The timeline's numbers: incidents per day (exact days by event type, ranged dates spread as uncertain),
// fatalities per day, the dataset's span, playback windows and the named phases drawn as bands.
// All dates are calendar days (lib/incident/days.ts): the same data gives the same bins in every time zone.
import type { IncidentProperties } from "../incident/model";
import { addDays, compareDays, dayCount, dayNumber, eachDay, isDay, maxDay, minDay } from "../incident/days";
import { incidentDays } from "../incident/filter";
import { pauseAfter, whole, type Steps } from "../incident/steps";

type WithProps = { properties: IncidentProperties };

export interface DaySpan {
  from: string;
  to: string;
}

export interface DayBin {
  day: string;
  /** Exact-day incidents by type (category). Objects without a prototype: a category may be named "__proto__". */
  byType: Record<string, number>;
  /** Incidents whose date is a range covering this day: each contributes 1/n to each of its n days, so a range counts once in all. */
  uncertain: number;
  /** The same 1/n shares as `uncertain`, by type, so the UI may stack the faded part by type too. */
  uncertainByType: Record<string, number>;
  /** Fatalities of exact-day incidents on this day; ranged incidents' fatalities spread 1/n too. */
  fatalities: number;
}

export interface DailyHistogram {
  bins: DayBin[];
  /** Incidents without a date (event_date null): counted here, never silently dropped. */
  undated: number;
  /** The span the bins cover; null when there is no dated incident and no span was given. */
  span: DaySpan | null;
  /**
   * Dated incidents, or the shares of ranged ones, that fall outside an explicit span, so that
   * Σ(byType) + Σ(uncertain) + outside = the number of dated incidents, always.
   */
  outside: number;
}

function checkSpan(span: DaySpan, what: string): void {
  if (!isDay(span.from) || !isDay(span.to)) throw new RangeError(`${what}: span must hold two ISO days, got ${JSON.stringify(span)}`);
  if (compareDays(span.to, span.from) < 0) throw new RangeError(`${what}: span.to ${span.to} is before span.from ${span.from}`);
}

/** The first and last day of all dated incidents (event_date and event_date_end); null when none is dated. */
export function datasetSpan(features: readonly WithProps[]): DaySpan | null {
  return whole(datasetSpanSteps(features));
}

/** datasetSpan, pausing now and then (lib/incident/steps.ts). */
export function* datasetSpanSteps(features: readonly WithProps[]): Steps<DaySpan | null> {
  let span: DaySpan | null = null;
  for (let i = 0; i < features.length; i++) {
    if (pauseAfter(i)) yield;
    const days = incidentDays(features[i].properties);
    if (!days) continue;
    // ISO days compare as text; only a day that widens the span is parsed.
    if (span && days.from >= span.from && days.to <= span.to) continue;
    span = span ? { from: minDay(span.from, days.from), to: maxDay(span.to, days.to) } : days;
  }
  return span;
}

/**
 * Incidents per day over `span` (default: datasetSpan). A single-day incident counts 1 on its day, by type.
 * An incident with a range of n days (event_date..event_date_end) is uncertain: it adds 1/n to `uncertain`
 * on each of its days, and 1/n of its fatalities, so a range counts as one event in all, however long.
 * A range's share on days outside the span goes to `outside`. Undated incidents are counted in `undated`.
 */
export function dailyHistogram(features: readonly WithProps[], span?: DaySpan): DailyHistogram {
  return whole(dailyHistogramSteps(features, span));
}

/** dailyHistogram, pausing now and then (lib/incident/steps.ts). */
export function* dailyHistogramSteps(features: readonly WithProps[], span?: DaySpan): Steps<DailyHistogram> {
  const bounds = span ?? (yield* datasetSpanSteps(features));
  if (span) checkSpan(span, "dailyHistogram");
  const bins: DayBin[] = bounds ? eachDay(bounds.from, bounds.to).map((day) => ({ day, byType: Object.create(null), uncertain: 0, uncertainByType: Object.create(null), fatalities: 0 })) : [];
  const first = bounds ? dayNumber(bounds.from) : 0;
  let undated = 0;
  let outside = 0;
  for (let i = 0; i < features.length; i++) {
    if (pauseAfter(i)) yield;
    const p = features[i].properties;
    const days = incidentDays(p);
    if (!days) {
      undated++;
      continue;
    }
    const [a, b] = [dayNumber(days.from), dayNumber(days.to)];
    const n = b - a + 1;
    const share = 1 / n;
    for (let d = a; d <= b; d++) {
      const bin = bins[d - first];
      if (d < first || !bin) {
        outside += share;
        continue;
      }
      if (n === 1) bin.byType[p.event_type] = (bin.byType[p.event_type] ?? 0) + 1;
      else {
        bin.uncertain += share;
        bin.uncertainByType[p.event_type] = (bin.uncertainByType[p.event_type] ?? 0) + share;
      }
      bin.fatalities += p.fatalities * share;
    }
  }
  return { bins, undated, span: bounds, outside };
}

// ---------------------------------------------------------------------------------------------------
// Playback

export type PlaybackMode = "cumulative" | "sliding";

/**
 * The window shown at step i (step 0 is span.from). cumulative: [span.from, day_i];
 * sliding: [day_i - (windowDays - 1), day_i], clamped so it never starts before span.from (nothing is
 * there, and a window hanging off the timeline's edge would be drawn off it). Steps past the end stay on
 * the last day; `done` is true from the last day on, so the player knows to stop.
 */
export function playbackWindow(span: DaySpan, step: number, mode: PlaybackMode, windowDays: number): DaySpan & { done: boolean } {
  checkSpan(span, "playbackWindow");
  if (!Number.isInteger(step) || step < 0) throw new RangeError(`playbackWindow: step must be a whole number ≥ 0, got ${step}`);
  if (!Number.isInteger(windowDays) || windowDays < 1) throw new RangeError(`playbackWindow: windowDays must be a whole number ≥ 1, got ${windowDays}`);
  const last = dayCount(span.from, span.to) - 1;
  const day = addDays(span.from, Math.min(step, last));
  const from = mode === "cumulative" ? span.from : maxDay(span.from, addDays(day, -(windowDays - 1)));
  return { from, to: day, done: step >= last };
}

// ---------------------------------------------------------------------------------------------------
// Phases

export const PHASE_KINDS = ["siege", "offensive", "ceasefire", "negotiations", "truce", "other"] as const;
export type PhaseKind = (typeof PHASE_KINDS)[number];

export interface Phase {
  id: string;
  name: string;
  kind: PhaseKind;
  /** First and last day of the band; null when the dataset gives no date (list it, do not draw it). */
  from: string | null;
  to: string | null;
  source_quote?: string;
  /** event_id of the incidents the band was derived from, so the UI can link to them. */
  event_ids: string[];
}

const isPhaseKind = (v: unknown): v is PhaseKind => typeof v === "string" && (PHASE_KINDS as readonly string[]).includes(v);

// Words that name an agreement's kind, tried in this order: "a ceasefire … after negotiations" is a
// ceasefire, "a truce and evacuation" a truce; an agreement reached by "negotiation committees" with
// neither word stands for the negotiations. Anything else (e.g. reconciliation deals) makes no band.
const AGREEMENT_WORDS: readonly [PhaseKind, RegExp][] = [
  ["ceasefire", /\bcease-?\s?fire/i],
  ["truce", /\btruce/i],
  ["negotiations", /\bnegotiat/i],
];

const KIND_NAMES: Record<PhaseKind, string> = {
  siege: "Siege",
  offensive: "Offensive",
  ceasefire: "Ceasefire",
  negotiations: "Negotiations",
  truce: "Truce",
  other: "Phase",
};

const slug = (s: string) => s.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "phase";
const str = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function comparePhases(a: Phase, b: Phase): number {
  // Dated bands by start, then end; undated ones last; ids break ties so the order is stable.
  if (a.from !== b.from) return a.from === null ? 1 : b.from === null ? -1 : compareDays(a.from, b.from);
  if (a.to !== b.to) return a.to === null ? 1 : b.to === null ? -1 : compareDays(a.to, b.to);
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Named phases as bands, taken from the dataset. The rule, in order:
 *
 * 1. Explicit: incidents with a `phase` string are grouped by it; one band per phase. Its kind is the
 *    first valid `phase_kind` of the group, else the phase's own name when that is a kind ("offensive"),
 *    else "other" (e.g. the dataset's "background" and "reaction"). It runs from the earliest
 *    `phase_from` (else event_date) to the latest `phase_to` (else event_date_end, else event_date) of
 *    its incidents; undated incidents add nothing, and a group with no date at all gets null bounds.
 * 2. Agreement heuristic: a Strategic development with sub_event_type "Agreement" whose source_quote
 *    (else notes) says ceasefire, truce or negotiation makes a band of that kind over the incident's own
 *    days (a ceasefire "for 30–31 July" coded 2021-07-30..2021-07-31 gives that band; a truce agreed on a
 *    day gives that day: the dataset does not say how long it held, so no end is guessed). An incident
 *    whose `phase_kind` is set has been classified by the dataset and is not guessed at again; its
 *    `phase` grouping (rule 1) does not stop rule 2, because phases such as "offensive" contain truces.
 *
 * Sorted by start day, undated bands last. Inputs are not mutated.
 */
export function phasesFromIncidents(features: readonly WithProps[]): Phase[] {
  return whole(phaseSteps(features));
}

/** phasesFromIncidents, pausing now and then (lib/incident/steps.ts). */
export function* phaseSteps(features: readonly WithProps[]): Steps<Phase[]> {
  const groups = new Map<string, Phase>();
  // Groups whose kind came from a phase_kind: the first one wins, so a later incident cannot flip it.
  const kindSet = new Set<string>();
  const agreements: Phase[] = [];
  for (let i = 0; i < features.length; i++) {
    if (pauseAfter(i)) yield;
    const p = features[i].properties;
    const days = incidentDays(p);
    const name = str(p.phase);
    if (name !== undefined) {
      const id = `phase:${slug(name)}`;
      const lower = name.toLowerCase();
      // Accumulated in place: the groups are this function's own objects, never the input's.
      const group = groups.get(id) ?? { id, name: capitalise(name), kind: isPhaseKind(lower) ? lower : "other", from: null, to: null, event_ids: [] };
      groups.set(id, group);
      if (isPhaseKind(p.phase_kind) && !kindSet.has(id)) {
        group.kind = p.phase_kind;
        kindSet.add(id);
      }
      const from = isDay(p.phase_from) ? p.phase_from : days?.from;
      const to = isDay(p.phase_to) ? p.phase_to : days?.to;
      if (from !== undefined) group.from = group.from === null ? from : minDay(group.from, from);
      if (to !== undefined) group.to = group.to === null ? to : maxDay(group.to, to);
      group.event_ids.push(p.event_id);
    }
    if (p.phase_kind === undefined && p.event_type === "Strategic developments" && p.sub_event_type === "Agreement") {
      const text = str(p.source_quote) ?? str(p.notes) ?? "";
      const match = AGREEMENT_WORDS.find(([, re]) => re.test(text));
      if (match) {
        const kind = match[0];
        agreements.push({
          id: `${kind}:${p.event_id}`,
          name: KIND_NAMES[kind],
          kind,
          from: days?.from ?? null,
          to: days?.to ?? null,
          ...(str(p.source_quote) ? { source_quote: p.source_quote } : {}),
          event_ids: [p.event_id],
        });
      }
    }
  }
  return [...groups.values(), ...agreements].sort(comparePhases);
}
