// The rules every query parameter of the app follows, page and API alike (README, "HTTP API"): a
// parameter is given at most once, lists are one comma-separated value, and array forms (`types[]=`)
// are not read. The API answers 400 naming the parameter; the page drops it and says so.
import { fieldMessage, showText } from "../rules/message";

/** A query parameter the API answers 400 for; `field` is the parameter's name, `value` its text. */
export class ParamError extends Error {
  readonly field: string;
  readonly value: string;
  readonly reason: string;
  constructor(field: string, value: string, reason: string) {
    super(fieldMessage(field, reason, showText(value)));
    this.name = "ParamError";
    this.field = field;
    this.value = value;
    this.reason = reason;
  }
}

/** A parameter a lenient reader left out, and why; the page lists them. */
export interface DroppedParam {
  field: string;
  value: string;
  reason: string;
}

/**
 * The one value of `name`, or null when absent or empty (`from=`, as a form submits an empty field).
 * @throws ParamError when it is given more than once, in an array form (`name[]=`), or longer than `max`
 */
export function paramValue(params: URLSearchParams, name: string, max: number): string | null {
  for (const [key, value] of params) {
    if (key.startsWith(`${name}[`)) throw new ParamError(key, value, `array form is not read; give ${name}=a,b once`);
  }
  const all = params.getAll(name);
  if (all.length > 1) throw new ParamError(name, all.join(" & "), `given ${all.length} times; give it once (lists are comma-separated)`);
  const value = all[0] ?? null;
  if (value !== null && value.length > max) throw new ParamError(name, value, `longer than ${max} characters`);
  return value === "" ? null : value;
}

/** Characters the client meant: every name and value after unescaping, with their `=` and `&`. */
export function queryLength(params: URLSearchParams): number {
  let n = -1;
  for (const [key, value] of params) n += key.length + value.length + 2;
  return Math.max(n, 0);
}

/**
 * The query string of `params` with its `?` ("" when empty). `/` and `,` stay readable (URLSearchParams
 * escapes them, yet both are legal in a query), so links read `map=11/32.6/36.1&types=Battles,Riots`.
 */
export function queryText(params: URLSearchParams): string {
  const text = params.toString().replace(/%2F/g, "/").replace(/%2C/g, ",");
  return text ? `?${text}` : "";
}
