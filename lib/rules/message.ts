// The one shape of a refusal: "field: reason (value: …)", the value shown as JSON text, shortened; never HTML.

// @option MAX_SHOWN_VALUE: characters = 80
export const MAX_SHOWN_VALUE = 80;

/** A value as it may be shown in an error message: JSON, shortened. */
export function showValue(value: unknown): string {
  let text: string;
  if (typeof value === "number" && !Number.isFinite(value)) text = String(value);
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > MAX_SHOWN_VALUE ? `${text.slice(0, MAX_SHOWN_VALUE)}…` : text;
}

/** Text as it may be shown: shortened first, then quoted, so a long value keeps its closing quote. */
export const showText = (text: string): string => JSON.stringify(text.length > MAX_SHOWN_VALUE ? `${text.slice(0, MAX_SHOWN_VALUE)}…` : text);

/** "field: reason (value: shown)", where `shown` is showValue's or showText's. */
export const fieldMessage = (field: string, reason: string, shown: string): string => `${field}: ${reason} (value: ${shown})`;
