"use client";
// How the file was read (format, encoding, separator, sheet) and what it was recognised as; encoding,
// separator and sheet can be changed, which reads the file again. When two code pages read the file as
// plausibly, one line is shown as each reads it.
import type { Inspection } from "@/lib/import";
import type { RowEstimate } from "@/lib/import/estimate";
import type { ReadSourceOptions } from "@/lib/import/source/types";
import type { Separator } from "@/lib/csv/read";
import { FORMAT_LABELS, SEPARATOR_LABELS } from "./labels";

interface Props {
  inspection: Inspection;
  profile: string;
  estimate: RowEstimate;
  read: ReadSourceOptions;
  busy: boolean;
  onRead: (read: ReadSourceOptions) => void;
}

const BASIS: Record<string, string> = { bom: "byte-order mark", "utf-8": "valid UTF-8", detected: "detected", chosen: "your choice" };

export default function SourceFacts({ inspection, profile, estimate, read, busy, onRead }: Props) {
  const { source } = inspection;
  const enc = source.encoding;
  const rows = estimate.rows.toLocaleString("en");
  return (
    <dl className="mapping__facts">
      <div>
        <dt>Format</dt>
        <dd>{FORMAT_LABELS[source.format] ?? source.format}</dd>
      </div>
      {enc && (
        <div>
          <dt>
            <label htmlFor="mapping-encoding">Encoding</label>
          </dt>
          <dd>
            <select id="mapping-encoding" value={enc.name} disabled={busy} onChange={(e) => onRead({ ...read, encoding: e.target.value })}>
              {[enc.name, ...enc.alternatives.filter((a) => a !== enc.name)].map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>{" "}
            <span className="muted">
              ({BASIS[enc.basis] ?? enc.basis}
              {enc.basis === "detected" && enc.confidence !== undefined ? `, ${enc.confidence}% confident` : ""})
            </span>
            {enc.readings && enc.readings.length > 1 && (
              <ul className="mapping__readings" aria-label="One line of the file read both ways">
                {enc.readings.map((r) => (
                  <li key={r.name}>
                    <span className="muted">{r.name}:</span> <q dir="auto">{r.text}</q>
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      )}
      {source.separator && (
        <div>
          <dt>
            <label htmlFor="mapping-separator">Separator</label>
          </dt>
          <dd>
            <select id="mapping-separator" value={source.separator} disabled={busy} onChange={(e) => onRead({ ...read, separator: e.target.value as Separator })}>
              {Object.entries(SEPARATOR_LABELS).map(([sep, label]) => (
                <option key={sep} value={sep}>
                  {label}
                </option>
              ))}
            </select>
          </dd>
        </div>
      )}
      {source.sheets && source.sheets.length > 1 && (
        <div>
          <dt>
            <label htmlFor="mapping-sheet">Sheet</label>
          </dt>
          <dd>
            <select id="mapping-sheet" value={source.sheet} disabled={busy} onChange={(e) => onRead({ ...read, sheet: e.target.value })}>
              {source.sheets.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </dd>
        </div>
      )}
      <div>
        <dt>Recognised as</dt>
        <dd data-testid="mapping-profile">{profile}</dd>
      </div>
      <div>
        <dt>Rows</dt>
        <dd>{estimate.exact ? rows : `about ${rows}`}</dd>
      </div>
    </dl>
  );
}
