// The largest request body a write accepts, declared once: next.config.js reads the same JSON so that
// Next's proxy hands the routes one byte more than this (it silently truncates past its own limit).
import "server-only";
import LIMIT from "./write-limit.json";

// @option MAX_WRITE_BYTES: number = 100 MiB (104,857,600 bytes), in write-limit.json; 100,000 ACLED-like
// incidents as GeoJSON are ~59 MB (`npm run synth -- --count 100000`). Larger bodies are answered 413, from Content-Length or while reading.
export const MAX_WRITE_BYTES: number = LIMIT.maxWriteBytes;
