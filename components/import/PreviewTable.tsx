"use client";
// The sample's first rows as they will be read: the day, the position, the type, what the row would be
// flagged for, or why it will be rejected. (WholeFileSummary counts the whole file.)
import type { PreviewRow } from "@/lib/import";

const PRECISION: Record<number, string> = { 2: "within a week", 3: "within a month or more" };

function DateCell({ r }: { r: PreviewRow }) {
  if (r.date === null || r.date === undefined) return <span className="muted">no date</span>;
  return (
    <>
      {r.date}
      {r.dateEnd && r.dateEnd !== r.date ? ` to ${r.dateEnd}` : ""}
      {r.timePrecision && PRECISION[r.timePrecision] ? <span className="muted"> ({PRECISION[r.timePrecision]})</span> : null}
    </>
  );
}

function PlaceCell({ r }: { r: PreviewRow }) {
  if (r.position) return <>{`${r.position[1]}, ${r.position[0]}`}</>;
  if (r.place !== undefined) return <>“{r.place}” <span className="muted">(to geocode)</span></>;
  return <span className="muted">none</span>;
}

export function PreviewTable({ rows, busy }: { rows: PreviewRow[]; busy: boolean }) {
  return (
    <table className="mapping__preview" aria-busy={busy} data-testid="mapping-preview">
      <caption>The first rows as they will be read</caption>
      <thead>
        <tr>
          <th scope="col">Row</th>
          <th scope="col">Date</th>
          <th scope="col">Latitude, longitude</th>
          <th scope="col">Type</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) =>
          r.problem ? (
            <tr key={r.row} className="mapping__rejected">
              <td>{r.row}</td>
              <td colSpan={3}>
                Rejected: {r.problem.field} = {r.problem.value}: {r.problem.message}
              </td>
            </tr>
          ) : (
            <tr key={r.row}>
              <td>{r.row}</td>
              <td>
                <DateCell r={r} />
              </td>
              <td>
                <PlaceCell r={r} />
              </td>
              <td>
                {r.eventType ?? "Unclassified"}
                {r.flags && r.flags.length > 0 && <span className="muted"> (flagged: {r.flags.join("; ")})</span>}
              </td>
            </tr>
          ),
        )}
      </tbody>
    </table>
  );
}
