"use client";
// What an import did: how the file was read and recognised, what was assumed, every row that did not come
// in with why, and every row flagged (imported) by group with its one-click action on the layer. The rows
// not imported or flagged download as a CSV to fix. All of it is text.
import { useState } from "react";
import type { ImportOutcome } from "./useImports";
import type { ImportReport as Report } from "@/lib/import";
import { FLAG_ACTIONS, type FlagAction, type FlagKind } from "@/lib/import/flags";
import { reportCsv, reportCsvName } from "@/lib/import/report-csv";
import { flagActionLabel, FLAG_LABELS, FORMAT_LABELS, listedFlagGroups, MAX_LISTED, type ListedFlagGroup } from "./labels";

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

/** Saves the report's CSV through a temporary link: the browser's own download, no server involved. */
/** The report's CSV downloaded; the problem and flagged rows read first where they came as the JSON text of them. */
async function download(report: Report, problemRows?: Blob, flaggedRows?: Blob): Promise<void> {
  if (problemRows) report = { ...report, problemRows: JSON.parse(await problemRows.text()) as Report["problemRows"] };
  if (flaggedRows) report = { ...report, flagged: JSON.parse(await flaggedRows.text()) as Report["flagged"] };
  const url = URL.createObjectURL(new Blob([reportCsv(report)], { type: "text/csv;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = reportCsvName(report.fileName);
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

interface FlagProps {
  rowWord: string;
  group: ListedFlagGroup;
  done: FlagAction | undefined;
  /** Absent when the import's layer is gone (or was never kept): the actions are not offered. */
  onAction?: (ids: readonly string[], action: FlagAction) => void;
}

function FlaggedGroup({ rowWord, group, done, onAction }: FlagProps) {
  const n = group.ids.length;
  return (
    <details open data-testid={`flagged-${group.kind}`}>
      <summary>
        {n.toLocaleString("en")} flagged: {FLAG_LABELS[group.kind]}
      </summary>
      {onAction && (
        <p>
          {done ? (
            <span className="muted">{done === "swap" ? "Swapped" : "Dropped"} on the map.</span>
          ) : (
            FLAG_ACTIONS[group.kind].map((action) => (
              <button key={action} type="button" className="secondary-button" onClick={() => onAction(group.ids, action)}>
                {flagActionLabel(action, n)}
              </button>
            ))
          )}
        </p>
      )}
      <ul>
        {group.flags.map((x, i) => (
          <li key={i}>{`${rowWord} ${x.row}${x.line !== undefined ? ` (line ${x.line})` : ""}, imported as ${x.id}, ${x.field} = ${x.value}: ${x.message}`}</li>
        ))}
        {group.total > group.flags.length && <li>and {(group.total - group.flags.length).toLocaleString("en")} more</li>}
      </ul>
    </details>
  );
}

export default function ImportReport({ o, onFlagAction }: { o: ImportOutcome; onFlagAction?: (ids: readonly string[], action: FlagAction) => void }) {
  const [done, setDone] = useState<Partial<Record<FlagKind, FlagAction>>>({});
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
  // The worker's groups; else the report's own rows (reports kept from before flags existed have none).
  const groups = o.flags ?? listedFlagGroups(r.flagged ?? []);
  const problems = r.rejected.length + r.ambiguous.length + r.unresolved.length + groups.reduce((n, g) => n + g.total, 0);
  return (
    <div className="import__report" role="status">
      <strong>{o.fileName}</strong>: {r.accepted} of {r.total} imported
      {o.replaced ? `, replacing the earlier import of “${o.replaced}”` : ""} ({FORMAT_LABELS[r.format] ?? r.format}, {r.encoding}
      {r.separator ? `, separated by ${separatorWords(r.separator)}` : ""}
      {r.profile ? `, read as ${r.profile}` : ""}).
      {o.notKept ? (
        <p className="error">Not kept in this browser ({o.notKept}): it stays on the map until this page is closed.</p>
      ) : (
        o.layerId &&
        onFlagAction && (
          <p className="muted" data-testid="import-kept">
            {o.kept ? "Kept in this browser: it comes back after a reload until you remove it." : "Keeping it in this browser…"}
          </p>
        )
      )}
      {r.skipped && r.skipped.count > 0 && (
        <p className="muted" data-testid="import-skipped">
          {r.skipped.count.toLocaleString("en")} {r.skipped.count === 1 ? "row holds" : "rows hold"} no incident (empty, only a date or filler) and{" "}
          {r.skipped.count === 1 ? "was" : "were"} skipped, e.g. {r.skipped.examples.map((x) => `${rowWord.toLowerCase()} ${x.row}: “${x.text}”`).join("; ")}.
        </p>
      )}
      {problems > 0 && (r.problemRows || o.problemRows) && (
        <p>
          <button type="button" className="secondary-button" onClick={() => void download(r, o.problemRows, o.flaggedRows)}>
            Download the rejected and flagged rows (CSV, as the file had them, with the reasons)
          </button>
        </p>
      )}
      {groups.map((g) => (
        <FlaggedGroup
          key={g.kind}
          rowWord={rowWord}
          group={g}
          done={done[g.kind]}
          {...(onFlagAction
            ? {
                onAction: (ids: readonly string[], action: FlagAction) => {
                  onFlagAction(ids, action);
                  setDone((d) => ({ ...d, [g.kind]: action }));
                },
              }
            : {})}
        />
      ))}
      <List title={`${r.assumptions?.length ?? 0} assumptions`} items={r.assumptions ?? []} render={(a) => a} />
      <List
        title={`${r.duplicates?.length ?? 0} exact repeats (same id, same cells) left out, first kept`}
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
