"use client";
// How the date columns are read. When the values cannot settle it (every day ≤ 12), the choice is put
// in front of the user instead of being made silently.
import { DATE_FORMATS, type DateFormat, type DateGuess } from "@/lib/import/mapping/types";
import { DATE_FORMAT_LABELS } from "./labels";

interface Props {
  guess: DateGuess;
  value: DateFormat | null;
  onChange: (format: DateFormat) => void;
}

const SHORT: Partial<Record<DateFormat, string>> = { dmy: "DD/MM", mdy: "MM/DD" };

export default function DateFormatChoice({ guess, value, onChange }: Props) {
  const fits = new Set(guess.candidates);
  return (
    <fieldset className="mapping__dates">
      <legend>Dates</legend>
      {guess.ambiguous && (
        <div className="mapping__ambiguous" role="note" data-testid="date-ambiguous">
          <p>
            Every value {guess.column ? <>in “{guess.column}” </> : null}fits {guess.candidates.map((f) => SHORT[f] ?? DATE_FORMAT_LABELS[f]).join(" and ")}
            {guess.candidates.includes("dmy") && guess.candidates.includes("mdy") ? " (every day is ≤ 12)" : ""}: which is it?
          </p>
          {guess.candidates.map((f) => (
            <label key={f} className="mapping__radio">
              <input type="radio" name="date-candidate" value={f} checked={value === f} onChange={() => onChange(f)} /> {DATE_FORMAT_LABELS[f]}
            </label>
          ))}
        </div>
      )}
      <label>
        Date format{" "}
        <select value={value ?? ""} onChange={(e) => onChange(e.target.value as DateFormat)}>
          {value === null && <option value="">none found</option>}
          {DATE_FORMATS.map((f) => (
            <option key={f} value={f}>
              {DATE_FORMAT_LABELS[f] ?? f}
              {fits.has(f) ? " (fits every value)" : ""}
            </option>
          ))}
        </select>
      </label>
      {guess.unreadable.length > 0 && (
        <p className="muted">
          No format reads {guess.unreadable.slice(0, 3).map((u) => `“${u.value}” (${u.count}×)`).join(", ")}
          {guess.unreadable.length > 3 ? ` and ${guess.unreadable.length - 3} more` : ""}: those rows will be rejected.
        </p>
      )}
    </fieldset>
  );
}
