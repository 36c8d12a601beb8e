// What text from outside may not hold: control characters break lines, terminals and CSV cells.

// C0, DEL and C1 control characters.
export const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;
// The same but tab, line feed and carriage return, which multi-line text (a description) may hold.
const CONTROL_BUT_LINE_BREAKS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** Whether text holds a control character; `lineBreaks` lets tabs and line breaks through. */
export function hasControlCharacter(text: string, { lineBreaks = false }: { lineBreaks?: boolean } = {}): boolean {
  return (lineBreaks ? CONTROL_BUT_LINE_BREAKS : CONTROL_CHARACTER).test(text);
}
