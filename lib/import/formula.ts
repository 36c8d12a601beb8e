// Spreadsheet formula injection: a cell beginning with = + - @ tab or CR may run as a formula when the CSV
// is opened in Excel, LibreOffice or Sheets. The CSV export makes such text cells inert with a leading
// apostrophe, and the importer takes exactly that apostrophe off again. The rule is written so that the
// pair is exact for every string (a value that itself begins with `'=` survives the round trip):
//
//   escape(v)   = "'" + v   when v matches /^'*[=+\-@\t\r]/   (any run of apostrophes, then a trigger)
//               = v         otherwise
//   unescape(c) = c minus its first character   when c matches /^'+[=+\-@\t\r]/
//               = c                             otherwise
//
// So "=1+1" ↔ "'=1+1", "'=1+1" ↔ "''=1+1", "-5 km" ↔ "'-5 km", "'quoted'" ↔ "'quoted'" (untouched).
// Numeric columns (latitude, longitude, counts, precisions) are written as plain numbers and are never
// escaped or unescaped: `-33.5` stays a number for the spreadsheet.

const NEEDS_ESCAPE = /^'*[=+\-@\t\r]/;
const ESCAPED = /^'+[=+\-@\t\r]/;

/** A text cell made inert for spreadsheets; see the rule above. */
export function escapeFormula(text: string): string {
  return NEEDS_ESCAPE.test(text) ? `'${text}` : text;
}

/** The exact inverse of escapeFormula, for text cells read back from CSV. */
export function unescapeFormula(cell: string): string {
  // The apostrophe test first: a regex per cell is a measurable share of reading a million-row file.
  return cell.charCodeAt(0) === 0x27 && ESCAPED.test(cell) ? cell.slice(1) : cell;
}
