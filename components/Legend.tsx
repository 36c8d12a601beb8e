// What each marker shape and colour means; built from the same style table the markers use.
import { EVENT_TYPES } from "@/lib/incident/model";
import { EVENT_STYLES } from "@/lib/display/event-style";

export default function Legend({ counts }: { counts: Map<string, number> }) {
  return (
    <section className="panel legend" aria-labelledby="legend-heading">
      <h2 id="legend-heading">Legend</h2>
      <ul>
        {EVENT_TYPES.map((type) => {
          const s = EVENT_STYLES[type];
          return (
            <li key={type}>
              <span className={`incident-marker incident-marker--${s.shape} legend__swatch`} style={{ "--c": s.color } as React.CSSProperties} aria-hidden />
              {type} <span className="muted">({counts.get(type) ?? 0})</span>
            </li>
          );
        })}
        <li>
          <span className="incident-marker incident-marker--circle incident-marker--gp3 legend__swatch" style={{ "--c": "#666" } as React.CSSProperties} aria-hidden />
          Hollow: only a region is known
        </li>
        <li>
          <span className="checkpoint-marker legend__swatch" aria-hidden /> Checkpoint
          <span className="checkpoint-marker checkpoint-marker--estimate legend__swatch" aria-hidden /> estimated position
        </li>
        <li>
          <span className="siege-swatch legend__swatch" aria-hidden /> Besieged area
        </li>
      </ul>
    </section>
  );
}
