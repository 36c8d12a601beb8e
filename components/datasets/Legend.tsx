// What each marker shape and colour means; built from the same styles the markers use: ACLED's six, then
// every other category of the loaded data. Category names are React text (they come from users' files).
import { OTHER_CATEGORIES_LABEL, OTHER_CATEGORIES_STYLE, type CategoryStyles, type EventStyle } from "@/lib/display/event-style";

const Swatch = ({ style }: { style: EventStyle }) => (
  <span className={`incident-marker incident-marker--${style.shape} legend__swatch`} style={{ "--c": style.color } as React.CSSProperties} aria-hidden />
);

/** `context`: the kinds of context layer the open datasets bring, each explained only while one is open. */
export default function Legend({ counts, styles, context }: { counts: ReadonlyMap<string, number>; styles: CategoryStyles; context: { checkpoints: boolean; siege: boolean } }) {
  const others = new Set(styles.others);
  const otherCount = styles.others.reduce((a, t) => a + (counts.get(t) ?? 0), 0);
  return (
    <section className="panel legend" aria-labelledby="legend-heading">
      <h2 id="legend-heading">Legend</h2>
      <ul>
        {styles.categories
          .filter((type) => !others.has(type))
          .map((type) => (
            <li key={type} className="legend__category">
              <Swatch style={styles.styleOf(type)} />
              {/* bdi: a name's own direction (Arabic, an RTL override) stays inside it */}
              <bdi>{type}</bdi> <span className="muted">({counts.get(type) ?? 0})</span>
            </li>
          ))}
        {styles.others.length > 0 && (
          <li className="legend__category">
            <Swatch style={OTHER_CATEGORIES_STYLE} />
            {OTHER_CATEGORIES_LABEL}: {styles.others.length} more, each named in the filters <span className="muted">({otherCount})</span>
          </li>
        )}
        <li>
          <span className="incident-marker incident-marker--circle incident-marker--gp3 legend__swatch" style={{ "--c": "#666" } as React.CSSProperties} aria-hidden />
          Hollow: only a region is known
        </li>
        {context.checkpoints && (
          <li>
            <span className="checkpoint-marker legend__swatch" aria-hidden /> Checkpoint
            <span className="checkpoint-marker checkpoint-marker--estimate legend__swatch" aria-hidden /> estimated position
          </li>
        )}
        {context.siege && (
          <li>
            <span className="siege-swatch legend__swatch" aria-hidden /> Besieged area
          </li>
        )}
      </ul>
    </section>
  );
}
