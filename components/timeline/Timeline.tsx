"use client";
// The timeline below the map: incidents per day stacked by event type (ranged dates faded, spread over
// their days), fatalities as a line, named phases as bands, a brush that sets the date range, and
// playback. Drawn as React SVG: every label is text, never markup.
import { useEffect, useEffectEvent, useMemo, useRef, useState } from "react";
import { slotTotals, type CategoryStyles } from "@/lib/display/event-style";
import { addDays, compareDays, dayCount, daysBetween } from "@/lib/incident/days";
import { playbackWindow, type DailyHistogram, type DaySpan, type Phase, type PlaybackMode } from "@/lib/display/timeline";

// @option PLAY_SPEEDS: number[] = [1, 2, 4, 8]
// Days advanced per second that the speed control offers.
const PLAY_SPEEDS = [1, 2, 4, 8];
// @option SLIDING_WINDOW_DAYS: number = 7
// Width of the sliding playback window: a week shows an offensive's rhythm without flicker.
const SLIDING_WINDOW_DAYS = 7;

const HEIGHT = 110;
const BAND_H = 14;
const PHASE_COLOURS: Record<string, string> = {
  siege: "#b2182b", offensive: "#d55e00", ceasefire: "#0072b2", negotiations: "#56b4e9", truce: "#009e73", other: "#999999",
};

interface Props {
  histogram: DailyHistogram;
  /** The legend's styles: bars stack by its slots, in its order. */
  styles: CategoryStyles;
  span: DaySpan;
  phases: Phase[];
  range: { from?: string; to?: string };
  /** `commit` false while dragging or playing: the URL is replaced, not pushed. */
  onRange: (range: { from?: string; to?: string }, commit: boolean) => void;
  undatedShown: number;
  undatedTotal: number;
  /** Switches between the focus span and the dataset's whole span, when they differ. */
  spanToggle?: { label: string; onClick: () => void };
}

function useWidth<T extends HTMLElement>(): [React.RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(800);
  useEffect(() => {
    if (!ref.current) return;
    const ro = new ResizeObserver(([entry]) => setWidth(Math.max(200, Math.floor(entry.contentRect.width))));
    ro.observe(ref.current);
    return () => ro.disconnect();
  }, []);
  return [ref, width];
}

export default function Timeline({ histogram, styles, span, phases, range, onRange, undatedShown, undatedTotal, spanToggle }: Props) {
  const [boxRef, width] = useWidth<HTMLDivElement>();
  const days = dayCount(span.from, span.to);
  const dx = width / days;
  const dayAt = (x: number) => addDays(span.from, Math.max(0, Math.min(days - 1, Math.floor(x / dx))));
  const xOf = (day: string) => daysBetween(span.from, day) * dx;

  const maxCount = useMemo(() => {
    let m = 1;
    for (const b of histogram.bins) {
      const exact = Object.values(b.byType).reduce((a, n) => a + (n ?? 0), 0);
      m = Math.max(m, exact + b.uncertain);
    }
    return m;
  }, [histogram]);
  const maxFatal = useMemo(() => Math.max(1, ...histogram.bins.map((b) => b.fatalities)), [histogram]);
  const barTop = 2 * BAND_H + 2;
  const barH = HEIGHT - barTop - 14;

  // Brush: press, drag, release. A click without drag selects that one day.
  const drag = useRef<string | null>(null);
  const pointer = (e: React.PointerEvent<SVGSVGElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    return dayAt(e.clientX - rect.left);
  };
  const onDown = (e: React.PointerEvent<SVGSVGElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    const d = pointer(e);
    drag.current = d;
    onRange({ from: d, to: d }, false);
  };
  const onMove = (e: React.PointerEvent<SVGSVGElement>) => {
    if (drag.current === null) return;
    const d = pointer(e);
    const [from, to] = compareDays(d, drag.current) < 0 ? [d, drag.current] : [drag.current, d];
    onRange({ from, to }, false);
  };
  const onUp = (e: React.PointerEvent<SVGSVGElement>) => {
    if (drag.current === null) return;
    const d = pointer(e);
    const [from, to] = compareDays(d, drag.current) < 0 ? [d, drag.current] : [drag.current, d];
    drag.current = null;
    onRange({ from, to }, true);
  };

  // Playback
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState(PLAY_SPEEDS[1]);
  const [mode, setMode] = useState<PlaybackMode>("cumulative");
  const step = useRef(0);
  const playRange = useEffectEvent((r: { from?: string; to?: string }, commit: boolean) => onRange(r, commit));
  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => {
      const w = playbackWindow(span, step.current, mode, SLIDING_WINDOW_DAYS);
      playRange({ from: w.from, to: w.to }, w.done);
      step.current += 1;
      if (w.done) setPlaying(false);
    }, 1000 / speed);
    return () => clearInterval(timer);
  }, [playing, speed, mode, span]);
  const togglePlay = () => {
    if (!playing) {
      // Resume from the range's end when it lies inside the span, else start over.
      const at = range.to ? daysBetween(span.from, range.to) + 1 : 0;
      step.current = at > 0 && at < days ? at : 0;
    } else onRange(range, true);
    setPlaying(!playing);
  };

  const sel = range.from || range.to ? { from: range.from ?? span.from, to: range.to ?? span.to } : null;
  // A span of weeks is read by day (08-26), of years by month (2016-01).
  const tickLabel = (day: string) => (days > 366 ? day.slice(0, 7) : day.slice(5));
  const ticks = useMemo(() => {
    const every = Math.max(1, Math.ceil(days / (width / 70)));
    const out: string[] = [];
    for (let i = 0; i < days; i += every) out.push(addDays(span.from, i));
    return out;
  }, [days, width, span.from]);

  return (
    <section className="timeline" aria-labelledby="timeline-heading">
      <div className="timeline__bar">
        <h2 id="timeline-heading">Timeline</h2>
        <button type="button" onClick={togglePlay} aria-pressed={playing}>
          {playing ? "Pause" : "Play"}
        </button>
        <label>
          Speed{" "}
          <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
            {PLAY_SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s} day{s > 1 ? "s" : ""}/s
              </option>
            ))}
          </select>
        </label>
        <label>
          Mode{" "}
          <select value={mode} onChange={(e) => setMode(e.target.value as PlaybackMode)}>
            <option value="cumulative">cumulative</option>
            <option value="sliding">sliding {SLIDING_WINDOW_DAYS} days</option>
          </select>
        </label>
        <label>
          From <input type="date" value={range.from ?? ""} min={span.from} max={span.to} onChange={(e) => onRange({ ...range, from: e.target.value || undefined }, true)} />
        </label>
        <label>
          To <input type="date" value={range.to ?? ""} min={span.from} max={span.to} onChange={(e) => onRange({ ...range, to: e.target.value || undefined }, true)} />
        </label>
        {sel && (
          <button type="button" className="link-button" onClick={() => onRange({}, true)}>
            All dates
          </button>
        )}
        <span className="muted" data-testid="undated-note">
          {undatedTotal > 0 && `${undatedTotal} undated incident${undatedTotal > 1 ? "s" : ""}${sel ? ` (${undatedShown} shown)` : ""}`}
          {histogram.outside > 0 && ` · ${Math.round(histogram.outside)} before or after this span`}
        </span>
        {spanToggle && (
          <button type="button" className="link-button" onClick={spanToggle.onClick}>
            {spanToggle.label}
          </button>
        )}
      </div>
      <div ref={boxRef} className="timeline__chart">
        <svg
          width={width}
          height={HEIGHT}
          role="img"
          aria-label={`Incidents per day from ${span.from} to ${span.to}${sel ? `; selected ${sel.from} to ${sel.to}` : ""}`}
          onPointerDown={onDown}
          onPointerMove={onMove}
          onPointerUp={onUp}
          data-testid="timeline-svg"
        >
          {phases
            .filter((p) => p.from && p.to && p.kind !== "other")
            .map((p) => {
              // Long phases on the upper row, short agreements below them, so neither hides the other.
              const row = p.kind === "siege" || p.kind === "offensive" ? 0 : 1;
              const x = xOf(p.from!);
              const w = Math.max(dx, xOf(p.to!) - x + dx);
              return (
                <g key={p.id} className="timeline__phase" data-phase={p.kind}>
                  <rect x={x} y={row * BAND_H} width={w} height={BAND_H - 2} fill={PHASE_COLOURS[p.kind]} opacity={0.3} />
                  {w > p.name.length * 6 + 4 && (
                    <text x={x + 2} y={row * BAND_H + BAND_H - 4} className="timeline__phase-label">
                      {p.name}
                    </text>
                  )}
                  <title>{`${p.name}: ${p.from} – ${p.to}`}</title>
                </g>
              );
            })}
          {histogram.bins.map((b, i) => {
            let y = barTop + barH;
            const x = i * dx + 0.5;
            const w = Math.max(1, dx - 1);
            const rects = slotTotals(b.byType, styles).map(([slot, exact]) => {
              const h = (exact / maxCount) * barH;
              y -= h;
              return <rect key={`e${slot}`} x={x} y={y} width={w} height={h} fill={styles.slots[slot].color} />;
            });
            const faded = slotTotals(b.uncertainByType, styles).map(([slot, share]) => {
              const h = (share / maxCount) * barH;
              y -= h;
              return <rect key={`u${slot}`} x={x} y={y} width={w} height={h} fill={styles.slots[slot].color} opacity={0.35} />;
            });
            return (
              <g key={b.day}>
                {rects}
                {faded}
                <title>{`${b.day}: ${Object.values(b.byType).reduce((a, n) => a + (n ?? 0), 0)} incidents${b.uncertain ? ` + ${b.uncertain.toFixed(2)} of ranged dates` : ""}, ${Math.round(b.fatalities * 10) / 10} fatalities`}</title>
              </g>
            );
          })}
          <polyline
            className="timeline__fatalities"
            fill="none"
            points={histogram.bins.map((b, i) => `${i * dx + dx / 2},${barTop + barH - (b.fatalities / maxFatal) * barH}`).join(" ")}
          />
          {sel && <rect className="timeline__brush" x={xOf(sel.from)} y={0} width={Math.max(dx, xOf(sel.to) - xOf(sel.from) + dx)} height={HEIGHT - 12} />}
          {ticks.map((t) => (
            <text key={t} x={xOf(t) + 1} y={HEIGHT - 2} className="timeline__tick">
              {tickLabel(t)}
            </text>
          ))}
        </svg>
      </div>
      <p className="timeline__key muted">
        Bars: incidents per day by type (faded: dates known only as a range, spread over its days). Line: fatalities. Drag to select dates.
      </p>
    </section>
  );
}
