import "server-only";
// Random secrets handed to a client (session cookies, "anyone with the link" keys): only their SHA-256 is
// stored, so a copy of the database holds nothing a client could present.
import { createHash, randomBytes } from "node:crypto";

// @option SESSION_TOKEN_BYTES: number = 32 (256 bits)
export const SESSION_TOKEN_BYTES = 32;
// @option LINK_TOKEN_BYTES: number = 18 (144 bits, 24 base64url characters)
export const LINK_TOKEN_BYTES = 18;

/** A fresh random token as base64url text. */
export function newToken(bytes: number): string {
  return randomBytes(bytes).toString("base64url");
}

/** What is stored for a token: its SHA-256. */
export function tokenHash(token: string): Buffer {
  return createHash("sha256").update(token, "utf8").digest();
}

/** Whether text could be a token of `bytes` random bytes (base64url, the right length): anything else is not looked up. */
export function isTokenText(text: string, bytes: number): boolean {
  return text.length === Math.ceil((bytes * 4) / 3) && /^[A-Za-z0-9_-]+$/.test(text);
}
