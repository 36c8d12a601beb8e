// The Content-Security-Policy the pages run under, declared once: the front door (lib/server/front-door.ts)
// sets it with a fresh nonce per page request. The headers every response carries (nosniff, referrer policy, framing) are in next.config.js.
import "server-only";

// @option TILE_ORIGIN: string
// The one outside origin the page loads from: OpenStreetMap's tiles (see components/map/OnlineTiles.tsx).
export const TILE_ORIGIN = "https://tile.openstreetmap.org";

/**
 * The policy for a page. Scripts: only Next's own, by nonce ('strict-dynamic' lets them load their chunks),
 * never inline code an attacker wrote. Styles allow inline attributes: React and Leaflet position elements
 * with style attributes, and a style cannot run code. Workers come from the app's own origin.
 */
export function contentSecurityPolicy(nonce: string, dev = false): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob: ${TILE_ORIGIN}`,
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
