// Errors thrown by the geocoder. Messages name the field and the offending value (shortened).

function show(value: unknown): string {
  const s = typeof value === "string" ? JSON.stringify(value) : String(value);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** A caller passed something the API does not accept (wrong type, out of range). */
export class GeocodeInputError extends Error {
  constructor(
    readonly field: string,
    readonly value: unknown,
    reason: string,
  ) {
    super(`${field} ${reason} (got ${show(value)})`);
    this.name = "GeocodeInputError";
  }
}

/** A gazetteer file is missing or malformed: a build problem, never the caller's fault. */
export class GazetteerError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = "GazetteerError";
  }
}
