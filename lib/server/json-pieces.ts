// JSON text parsed as it arrives, a piece at a time: one JSON.parse of a saved collection's whole body (tens
// of MB) blocked the server for seconds. The first SPLIT_DEPTH levels of arrays and objects are built here;
// every value inside them (a collection's features, one by one) goes to JSON.parse on its own as soon as its
// last byte has come. Own code, not a streaming library: stream-json is not a dependency and builds every
// value token by token in JavaScript, where V8's JSON.parse of each feature is native.
import "server-only";
import { Buffer } from "node:buffer";
import { MAX_JSON_DEPTH, Nesting } from "./json-nesting";

// @option SPLIT_DEPTH: number = 3, levels built here: the body, its `collection`, the collection's `features`
export const SPLIT_DEPTH = 3;

// What comes next where the text is outside any piece.
const VALUE = 0;
const VALUE_OR_CLOSE = 1; // just after "["
const KEY = 2;
const KEY_OR_CLOSE = 3; // just after "{"
const COLON = 4;
const COMMA_OR_CLOSE = 5;
const NOTHING = 6; // the text's one value has ended

const WHITESPACE = new Uint8Array(256);
for (const b of [0x20, 0x09, 0x0a, 0x0d]) WHITESPACE[b] = 1;
// The bytes that end a number or a literal: JSON.parse judges everything up to them.
const ENDS_SCALAR = new Uint8Array(256);
for (const c of ' \t\n\r,:]}"[{') ENDS_SCALAR[c.charCodeAt(0)] = 1;

interface Open {
  value: Record<string, unknown> | unknown[];
  key: string;
}

/** Text that is not JSON: the reason, starting with the byte where it was found. */
export class NotJson extends Error {
  constructor(at: number, reason: string) {
    super(`at byte ${at}: ${reason}`);
    this.name = "NotJson";
  }
}

const shown = (byte: number) => (byte >= 0x20 && byte < 0x7f ? `'${String.fromCharCode(byte)}'` : `byte 0x${byte.toString(16).padStart(2, "0")}`);

/** As JSON.parse's object: a key "__proto__" is a property of its own, the last of duplicate keys wins. */
function setMember(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
  else object[key] = value;
}

/**
 * A JSON text pushed a chunk at a time, each push's work bounded by the chunk (bar one value longer than
 * it); `end()` gives what JSON.parse would have of the whole text. Text whose value is not an array or an
 * object is kept whole and parsed at the end exactly as before. Its nesting is counted as Nesting does,
 * past a syntax error too: a caller checks `deepest` first.
 */
export class JsonPieces extends Nesting {
  private read = 0;
  private mode: "start" | "pieces" | "whole" | "failed" = "start";
  /** The chunks of a text not begun by "[" or "{", parsed whole at the end (and any whitespace before). */
  private whole: Uint8Array[] = [];
  private failure: NotJson | undefined;
  private open: Open[] = [];
  private next = VALUE;
  private root: unknown;
  // The piece being read: "" none, else its kind, where it began (byte of the text) and its bytes so far.
  private piece: "" | "scalar" | "closed" = "";
  private pieceIsKey = false;
  private pieceAt = 0;
  private parts: Uint8Array[] = [];

  override push(bytes: Uint8Array): void {
    const offset = this.read;
    this.read += bytes.length;
    if (this.mode === "whole") this.whole.push(bytes);
    if (this.mode === "whole" || this.mode === "failed") return void this.scan(bytes, 0, NaN);
    let i = 0;
    while (i < bytes.length && this.deepest <= MAX_JSON_DEPTH) {
      if (this.piece !== "") {
        const from = i;
        let end = -1;
        if (this.piece === "closed") end = this.scan(bytes, i, this.open.length);
        else {
          while (i < bytes.length && !ENDS_SCALAR[bytes[i]]) i++;
          if (i < bytes.length) end = i;
        }
        if (end < 0) {
          if (this.deepest <= MAX_JSON_DEPTH) this.parts.push(bytes.subarray(from));
          return;
        }
        this.parts.push(bytes.subarray(from, end));
        i = end;
        if (!this.endPiece()) return void this.scan(bytes, i, NaN);
        continue;
      }
      const byte = bytes[i];
      if (WHITESPACE[byte]) {
        i++;
        continue;
      }
      if (this.mode === "start" && byte !== 0x7b && byte !== 0x5b) {
        this.mode = "whole";
        this.whole.push(bytes);
        return void this.scan(bytes, 0, NaN);
      }
      const why = this.step(byte, offset + i);
      if (why !== undefined) {
        this.fail(new NotJson(offset + i, why));
        return void this.scan(bytes, i, NaN);
      }
      if (this.piece === "") i++;
    }
    if (this.mode === "start") this.whole.push(bytes);
  }

  /** What JSON.parse gives of the whole text (undefined for none, or only whitespace); NotJson or JSON.parse's SyntaxError otherwise. */
  end(): unknown {
    if (this.failure) throw this.failure;
    if (this.mode === "pieces" && this.piece === "" && this.next === NOTHING) return this.root;
    if (this.mode === "pieces") throw new NotJson(this.read, "Unexpected end of JSON input");
    const text = Buffer.concat(this.whole).toString("utf8");
    if (text.trim() === "") return undefined;
    return JSON.parse(text);
  }

  /** Reads one byte outside any piece: undefined when it fits, else why not. */
  private step(byte: number, at: number): string | undefined {
    const close = byte === 0x7d || byte === 0x5d;
    switch (this.next) {
      case NOTHING:
        return `${shown(byte)} after the end of the text's value`;
      case COLON:
        if (byte !== 0x3a) return `expected ':' after a property name, found ${shown(byte)}`;
        this.next = VALUE;
        return undefined;
      case KEY_OR_CLOSE:
      case KEY:
        if (byte === 0x7d && this.next === KEY_OR_CLOSE) return this.close(byte);
        if (byte !== 0x22) return `expected a property name in double quotes, found ${shown(byte)}`;
        return this.begin(byte, at, true);
      case COMMA_OR_CLOSE:
        if (close) return this.close(byte);
        if (byte !== 0x2c) return `expected ',' or '${Array.isArray(this.top()) ? "]" : "}"}' after a value, found ${shown(byte)}`;
        this.next = Array.isArray(this.top()) ? VALUE : KEY;
        return undefined;
      default:
        if (byte === 0x5d && this.next === VALUE_OR_CLOSE) return this.close(byte);
        if (close || byte === 0x2c || byte === 0x3a) return `expected a value, found ${shown(byte)}`;
        return this.begin(byte, at, false);
    }
  }

  private top(): Open["value"] {
    return this.open[this.open.length - 1].value;
  }

  /** Opens an array or object built here, or begins a piece at `byte` (a key when `isKey`). */
  private begin(byte: number, at: number, isKey: boolean): undefined {
    const container = byte === 0x7b || byte === 0x5b;
    if (container && this.open.length < SPLIT_DEPTH) {
      this.mode = "pieces";
      this.whole = [];
      if (++this.depth > this.deepest) this.deepest = this.depth;
      this.open.push({ value: byte === 0x7b ? {} : [], key: "" });
      this.next = byte === 0x7b ? KEY_OR_CLOSE : VALUE_OR_CLOSE;
      return undefined;
    }
    this.piece = container || byte === 0x22 ? "closed" : "scalar";
    this.pieceIsKey = isKey;
    this.pieceAt = at;
    return undefined;
  }

  /** Closes the array or object built here, for `byte` "]" or "}". */
  private close(byte: number): string | undefined {
    const { value } = this.open[this.open.length - 1];
    if (Array.isArray(value) !== (byte === 0x5d)) return `${shown(byte)} closes ${Array.isArray(value) ? "an array" : "an object"}`;
    this.open.pop();
    this.depth--;
    this.add(value);
    return undefined;
  }

  /** A value complete: into the array or object open here, or the text's value. */
  private add(value: unknown): void {
    if (this.open.length === 0) {
      this.root = value;
      this.next = NOTHING;
      return;
    }
    const top = this.open[this.open.length - 1];
    if (Array.isArray(top.value)) top.value.push(value);
    else setMember(top.value, top.key, value);
    this.next = COMMA_OR_CLOSE;
  }

  /** JSON.parse of the piece just read; false when it is not JSON. */
  private endPiece(): boolean {
    const bytes = this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts);
    this.parts = [];
    this.piece = "";
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      this.fail(pieceError(err as Error, text, this.pieceAt));
      return false;
    }
    if (!this.pieceIsKey) this.add(value);
    else {
      this.open[this.open.length - 1].key = value as string;
      this.next = COLON;
    }
    return true;
  }

  private fail(error: NotJson): void {
    this.failure = error;
    this.mode = "failed";
    this.open = [];
    this.parts = [];
    this.root = undefined;
  }
}

/** JSON.parse's complaint about a piece, placed at its byte in the whole text. */
function pieceError(err: Error, text: string, at: number): NotJson {
  const position = /in JSON at position (\d+)(?: \(line \d+ column \d+\))?/.exec(err.message);
  if (!position) return new NotJson(at, err.message);
  const byte = at + Buffer.byteLength(text.slice(0, Number(position[1])));
  return new NotJson(byte, err.message.replace(position[0], "").trim());
}
