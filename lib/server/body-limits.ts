// The largest body each write route accepts, declared once: the front door (lib/server/write-door.ts)
// refuses or cuts a longer one before Next reads it, and each route reads its body with the same limit.
import "server-only";
import { MAX_BATCH_BYTES } from "../geocode/config";
import { MAX_WRITE_BYTES } from "./write-limit";

// @option BODY_LIMITS: bytes = sign-in, setup and accounts 8 KiB; links 4 KiB; dataset metadata and shares 64 KiB;
// a dataset's description 2 MiB (50,000 positions of context layers, lib/dataset/stored-description.ts);
// a saved import or added incidents MAX_WRITE_BYTES (100 MiB); a geocoding batch MAX_BATCH_BYTES (lib/geocode)
export const SMALL_BODY = 8192;
export const TINY_BODY = 4096;
export const METADATA_BODY = 64 * 1024;
export const DESCRIPTION_BODY = 2 * 1024 * 1024;

const LIMITS: readonly { path: RegExp; max: number }[] = [
  { path: /^\/api\/(session|setup)$/, max: SMALL_BODY },
  { path: /^\/api\/geocode$/, max: MAX_BATCH_BYTES },
  { path: /^\/api\/users(\/[^/]+)?$/, max: SMALL_BODY },
  { path: /^\/api\/datasets$/, max: MAX_WRITE_BYTES },
  { path: /^\/api\/datasets\/[^/]+\/incidents$/, max: MAX_WRITE_BYTES },
  { path: /^\/api\/datasets\/[^/]+\/links$/, max: TINY_BODY },
  { path: /^\/api\/datasets\/[^/]+\/description$/, max: DESCRIPTION_BODY },
  { path: /^\/api\/datasets\/[^/]+(\/shares)?$/, max: METADATA_BODY },
];

/** The body limit of a write to `path` (as sent, without the query); TINY_BODY for any other path. */
export const bodyLimit = (path: string): number => LIMITS.find((l) => l.path.test(path))?.max ?? TINY_BODY;
