// The body sizes the write routes accept, by name: each route reads its body with its own, and the front
// door refuses or cuts a longer one before Next reads it (lib/server/api-routes.ts says which route has which).
import "server-only";

// @option BODY_LIMITS: bytes = sign-in, setup and accounts 8 KiB; links 4 KiB; dataset metadata and shares 64 KiB;
// a dataset's description 2 MiB (50,000 positions of context layers, lib/dataset/stored-description.ts);
// a saved import or added incidents MAX_WRITE_BYTES (100 MiB); a geocoding batch MAX_BATCH_BYTES (lib/geocode)
export const SMALL_BODY = 8192;
export const TINY_BODY = 4096;
export const METADATA_BODY = 64 * 1024;
export const DESCRIPTION_BODY = 2 * 1024 * 1024;
