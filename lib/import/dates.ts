// Dates in, ISO days out. Accepted: ISO `YYYY-MM-DD` and ACLED's `DD Month YYYY` ("05 August 2021", also
// "5 Aug 2021"). Nothing else: `08/05/2021` means May in Syria and August in the US, so it is refused
// rather than guessed.
import { isDay } from "../incident/days";

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
const ACLED_DATE = /^(\d{1,2}) ([A-Za-z]+)\.? (\d{4})$/;

/** The ISO day for `text`, or null when it is neither form or not a real calendar day (31 June). */
export function parseDay(text: string): string | null {
  const t = text.trim();
  if (isDay(t)) return t;
  const m = ACLED_DATE.exec(t);
  if (!m) return null;
  const name = m[2].toLowerCase();
  const month = MONTHS.findIndex((full) => full === name || (name.length === 3 && full.startsWith(name)) || (name === "sept" && full === "september"));
  if (month === -1) return null;
  const iso = `${m[3]}-${String(month + 1).padStart(2, "0")}-${m[1].padStart(2, "0")}`;
  return isDay(iso) ? iso : null;
}
