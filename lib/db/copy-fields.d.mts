// The types of copy-fields.mjs (plain JavaScript, for the stores' threads) as the server's code sees them.
export declare class CopyFields {
  /** Fields read so far. */
  rows: number;
  constructor(leadingComma?: boolean);
  push(chunk: Uint8Array): Uint8Array<ArrayBuffer>;
  end(): void;
}
/** What a store's thread answers a "copyFields" request: `length` bytes of `buffer`, `rows` fields. */
export interface CopiedFields {
  buffer: ArrayBuffer;
  length: number;
  rows: number;
}
export declare function copiedFields(copy: Uint8Array, leadingComma: boolean): CopiedFields;
