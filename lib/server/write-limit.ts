// The largest request body a write accepts (a saved import, added incidents), declared once: the front door
// refuses or cuts a longer body (lib/server/write-door.ts) and the routes read theirs with it.
import "server-only";
import LIMIT from "./write-limit.json";

// @option MAX_WRITE_BYTES: number = 100 MiB (104,857,600 bytes), in write-limit.json; 100,000 ACLED-like
// incidents as GeoJSON are ~59 MB (`npm run synth -- --count 100000`). Larger bodies are answered 413, from Content-Length or while reading.
export const MAX_WRITE_BYTES: number = LIMIT.maxWriteBytes;
