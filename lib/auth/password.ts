import "server-only";
// Passwords hashed with scrypt (node:crypto, memory-hard), stored as "scrypt$N$r$p$salt$hash" (base64), so the
// cost can grow later and old hashes still verify with the cost they were made with.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

// @option SCRYPT_N: number = 2 ** 15, scrypt's CPU/memory cost (32 MiB per hash with r = 8); ~0.3 s per hash on a busy 2-core machine
export const SCRYPT_N = 2 ** 15;
// @option SCRYPT_R: number = 8, scrypt's block size
export const SCRYPT_R = 8;
// @option SCRYPT_P: number = 1, scrypt's parallelism
export const SCRYPT_P = 1;
// @option MIN_PASSWORD_LENGTH: number = 12, characters; shorter passwords are refused when set
export const MIN_PASSWORD_LENGTH = 12;
// @option MAX_PASSWORD_LENGTH: number = 1024, characters; longer input is refused before hashing
export const MAX_PASSWORD_LENGTH = 1024;

// @option HASHING_AT_ONCE: number = 2, scrypt derivations running at once; the rest wait their turn, so
// sign-ins never take all four of libuv's threads from file reads and other requests
export const HASHING_AT_ONCE = 2;

const SALT_BYTES = 16;
const KEY_BYTES = 32;

/** A password's length as every rule counts it: characters (code points), as a person counts them. */
export const passwordLength = (password: string): number => [...password].length;

/** Why a new password is refused, or null when it will do. */
export function passwordIssue(password: string): string | null {
  if (password.trim() === "") return "password: must not be blank";
  const length = passwordLength(password);
  if (length < MIN_PASSWORD_LENGTH) return `password: must be at least ${MIN_PASSWORD_LENGTH} characters (it has ${length})`;
  if (length > MAX_PASSWORD_LENGTH) return `password: must be at most ${MAX_PASSWORD_LENGTH} characters (it has ${length})`;
  return null;
}

// Derivations waiting for one of the HASHING_AT_ONCE places, first come first served.
let running = 0;
const queue: (() => void)[] = [];
async function inTurn<T>(work: () => Promise<T>): Promise<T> {
  if (running >= HASHING_AT_ONCE) await new Promise<void>((resolve) => queue.push(resolve));
  else running++;
  try {
    return await work();
  } finally {
    // The place passes to the next in line, or is given back.
    const next = queue.shift();
    if (next) next();
    else running--;
  }
}

function derive(password: string, salt: Buffer, N: number, r: number, p: number): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; Node refuses above maxmem (32 MiB by default), so room is made for the cost asked.
  const options: ScryptOptions = { N, r, p, maxmem: 128 * N * r * p + 1024 * 1024 };
  return inTurn(() => new Promise((resolve, reject) => scrypt(password.normalize("NFC"), salt, KEY_BYTES, options, (err, key) => (err ? reject(err) : resolve(key)))));
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P);
  return ["scrypt", SCRYPT_N, SCRYPT_R, SCRYPT_P, salt.toString("base64"), key.toString("base64")].join("$");
}

interface Parsed {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

function parse(stored: string): Parsed | null {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return null;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  const powerOfTwo = Number.isInteger(N) && N > 1 && (N & (N - 1)) === 0;
  // No stored cost above what this server writes is run: a forged or restored row must not make a sign-in
  // take minutes and gigabytes.
  if (!powerOfTwo || N > SCRYPT_N || !(r >= 1 && r <= SCRYPT_R && Number.isInteger(r)) || !(p >= 1 && p <= SCRYPT_P && Number.isInteger(p))) return null;
  const salt = Buffer.from(parts[4], "base64");
  const key = Buffer.from(parts[5], "base64");
  return salt.length > 0 && key.length > 0 ? { N, r, p, salt, key } : null;
}

/** Whether `password` matches the stored hash; the comparison takes the same time wherever they differ. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed || passwordLength(password) > MAX_PASSWORD_LENGTH) {
    await spendDummyWork(password);
    return false;
  }
  const key = await derive(password, parsed.salt, parsed.N, parsed.r, parsed.p);
  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
}

// A salt no stored hash has: deriving with it costs what a real verification costs and matches nothing.
const DUMMY_SALT = randomBytes(SALT_BYTES);
/**
 * The work of one verification that cannot succeed: a sign-in with an unknown name costs what a wrong
 * password costs, so timing does not tell which names exist.
 */
export async function spendDummyWork(password: string): Promise<void> {
  await derive([...password].slice(0, MAX_PASSWORD_LENGTH).join(""), DUMMY_SALT, SCRYPT_N, SCRYPT_R, SCRYPT_P);
}
