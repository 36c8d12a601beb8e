"use client";
// What an import did: how the file was read and recognised, what was assumed, and every row that did
// not come in, with why. All of it is text.
import type { ImportOutcome } from "../useImports";
import type { ImportReport as Report } from "@/lib/import";
import { FORMAT_LABELS } from "./labels";

// @option MAX_LISTED: number = 500, items listed per section; the rest are counted.
const MAX_LISTED = 500;

function List<T>({ title, items, render }: { title: string; items: readonly T[]; render: (x: T) => string }) {
  if (items.length === 0) return null;
  return (
    <details open>
      <summary>{title}</summary>
      <ul>
        {items.slice(0, MAX_LISTED).map((x, i) => (
          <li key={i}>{render(x)}</li>
        ))}
        {items.length > MAX_LISTED && <li>and {(items.length - MAX_LISTED).toLocaleString("en")} more</li>}
      </ul>
    </details>
  );
}

const separatorWords = (s: string) => (s === "\t" ? "tabs" : `“${s}”`);

export default function ImportReport({ o }: { o: ImportOutcome }) {
  if (o.cancelled) {
    return (
      <div className="import__report" role="status">
        <strong>{o.fileName}</strong>: import cancelled, nothing changed.
      </div>
    );
  }
  if (o.error || !o.report) {
    return (
      <div className="import__report import__report--error" role="alert">
        <strong>{o.fileName}</strong>: refused, nothing was imported. {o.error}
      </div>
    );
  }
  const r: Report = o.report;
  const format: string = r.format;
  const rowWord = format === "csv" || format === "xlsx" ? "Row" : "Feature";
  return (
    <div className="import__report" role="status">
      <strong>{o.fileName}</strong>: {r.accepted} of {r.total} imported
      {o.replaced ? `, replacing the earlier import of “${o.replaced}”` : ""} ({FORMAT_LABELS[r.format] ?? r.format}, {r.encoding}
      {r.separator ? `, separated by ${separatorWords(r.separator)}` : ""}
      {r.profile ? `, read as ${r.profile}` : ""}).
      {o.notKept && <p className="error">Not kept in this browser ({o.notKept}): it stays on the map until this page is closed.</p>}
      <List title={`${r.assumptions?.length ?? 0} assumptions`} items={r.assumptions ?? []} render={(a) => a} />
      <List
        title={`${r.duplicates?.length ?? 0} repeated ids, first kept`}
        items={r.duplicates ?? []}
        render={(d) => `${rowWord} ${d.row}: “${d.id}” repeats ${rowWord.toLowerCase()} ${d.firstRow}`}
      />
      <List
        title={`${r.rejected.length} rejected`}
        items={r.rejected}
        render={(x) => `${rowWord} ${x.row}${x.line !== undefined ? ` (line ${x.line})` : ""}, ${x.field} = ${x.value}: ${x.message}`}
      />
      <List title={`${r.ambiguous.length} ambiguous places, not placed`} items={r.ambiguous} render={(x) => `Row ${x.row}, “${x.place}”: could be ${x.candidates.join(" or ")}`} />
      <List title={`${r.unresolved.length} unresolved places, not placed`} items={r.unresolved} render={(x) => `Row ${x.row}, “${x.place}”`} />
      {r.warnings.length > 0 && (
        <ul className="muted">
          {r.warnings.map((w, i) => (
            <li key={i}>{w}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
