"use client";
// A file without a date column: every row undated, or one date or range for every row (a list of videos
// filmed on one day, say). The choice becomes Mapping.fixedDate; the assumptions say which.
import type { FixedDate } from "@/lib/import/mapping/types";
import { fixedDateProblem } from "@/lib/import/mapping/undated";

interface Props {
  value: FixedDate | undefined;
  onChange: (value: FixedDate | undefined) => void;
}

export default function FixedDateChoice({ value, onChange }: Props) {
  const problem = value ? fixedDateProblem(value) : null;
  return (
    <fieldset className="mapping__dates" data-testid="mapping-fixed-date">
      <legend>The file has no date column</legend>
      <label>
        <input type="radio" name="fixed-date" checked={value === undefined} onChange={() => onChange(undefined)} /> Undated: every row without a date
      </label>
      <label>
        <input type="radio" name="fixed-date" checked={value !== undefined} onChange={() => onChange({ date: new Date().toISOString().slice(0, 10) })} /> One date or range for every row
      </label>
      {value !== undefined && (
        <span className="mapping__date-range">
          <label>
            From <input type="date" value={value.date} required onChange={(e) => onChange({ ...value, date: e.target.value })} />
          </label>{" "}
          <label>
            to{" "}
            <input
              type="date"
              value={value.end ?? ""}
              min={value.date}
              onChange={(e) => {
                const { end: _end, ...rest } = value;
                void _end;
                onChange(e.target.value === "" ? rest : { ...value, end: e.target.value });
              }}
            />{" "}
            <span className="muted">(optional)</span>
          </label>
          {problem && <span className="error"> {problem}: the rows stay undated.</span>}
        </span>
      )}
    </fieldset>
  );
}
