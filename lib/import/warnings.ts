// Warnings that may repeat on many rows are collected once per message with the rows they concern, so a
// 10,000-row file with one systematic quirk yields one line, not 10,000.
import { MAX_LISTED_ROWS } from "./limits";

export class WarningLog {
  private readonly rowsByMessage = new Map<string, number[]>();

  add(message: string, row?: number): void {
    const rows = this.rowsByMessage.get(message) ?? [];
    if (row !== undefined) rows.push(row);
    this.rowsByMessage.set(message, rows);
  }

  /** One line per message: "message (rows 3, 7, 9 and 12 more)". */
  list(rowWord: "row" | "feature"): string[] {
    return [...this.rowsByMessage].map(([message, rows]) => {
      if (rows.length === 0) return message;
      const shown = rows.slice(0, MAX_LISTED_ROWS).join(", ");
      const more = rows.length > MAX_LISTED_ROWS ? ` and ${rows.length - MAX_LISTED_ROWS} more` : "";
      return `${message} (${rowWord}${rows.length > 1 ? "s" : ""} ${shown}${more})`;
    });
  }
}
