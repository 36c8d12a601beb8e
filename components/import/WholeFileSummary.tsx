"use client";
// What importing the whole file will do under the mapping shown, counted by the worker over every record:
// how many rows come in, which would be rejected and why, what would be flagged, skipped or dropped as a
// repeat. Until the count arrives, the sample's numbers stand in and say they are the sample's.
import type { SampleProblems } from "@/lib/import";
import type { WholeFileCount } from "@/lib/import/estimate";
import { FLAG_LABELS } from "./labels";

const rows = (n: number) => `${n.toLocaleString("en")} ${n === 1 ? "row" : "rows"}`;

function SampleOnly({ problems, sampleSize, counting }: { problems: SampleProblems[]; sampleSize: number; counting: number | null }) {
  const rejected = problems.reduce((n, p) => n + p.count, 0);
  return (
    <>
      <p>
        {rejected === 0 ? `None of the first ${rows(sampleSize)} would be rejected.` : `${rejected} of the first ${rows(sampleSize)} would be rejected:`}
        {counting !== null && <span className="muted"> Counting the whole file… {Math.round(counting * 100)} %</span>}
      </p>
      {rejected > 0 && (
        <ul>
          {problems.map((p, i) => (
            <li key={i}>
              {p.count} × {p.field}: {p.message}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export default function WholeFileSummary({ whole, problems, sampleSize, counting }: { whole: WholeFileCount | null; problems: SampleProblems[]; sampleSize: number; counting: number | null }) {
  if (!whole) {
    return (
      <div className="mapping__rejections" data-testid="mapping-rejections">
        <SampleOnly problems={problems} sampleSize={sampleSize} counting={counting} />
      </div>
    );
  }
  const rejected = whole.rejected.reduce((n, p) => n + p.count, 0);
  return (
    <div className="mapping__rejections" data-testid="mapping-rejections">
      <p>
        Of the file’s {rows(whole.rows)}: {whole.placed.toLocaleString("en")} placed by their coordinates
        {whole.toGeocode > 0 ? `, ${whole.toGeocode.toLocaleString("en")} to place by name` : ""}
        {rejected === 0 ? ", none would be rejected." : `, ${rejected.toLocaleString("en")} would be rejected, because:`}
      </p>
      {rejected > 0 && (
        <ul>
          {whole.rejected.map((p, i) => (
            <li key={i}>
              {p.count.toLocaleString("en")} × {p.field}: {p.message}
            </li>
          ))}
        </ul>
      )}
      {whole.flagged.length > 0 && (
        <p>
          Imported with a flag for the report:{" "}
          {whole.flagged.map((f) => `${f.count.toLocaleString("en")} ${FLAG_LABELS[f.kind].toLowerCase()}`).join(", ")}.
        </p>
      )}
      {(whole.duplicates > 0 || whole.skipped > 0) && (
        <p className="muted">
          {whole.duplicates > 0 ? `${rows(whole.duplicates)} exactly repeating an earlier one will be left out. ` : ""}
          {whole.skipped > 0 ? `${rows(whole.skipped)} holding no incident (empty, only a date or filler) will be skipped.` : ""}
        </p>
      )}
    </div>
  );
}
