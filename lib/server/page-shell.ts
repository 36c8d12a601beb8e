// The page's documents as `next build` prerendered them, ready to serve with a fresh nonce per request.
// The page is static (the same HTML for everyone: the data and the link's state are read in the browser),
// so it is read once per process and each request costs a string join, not a render; the nonce still
// changes per response, so the Content-Security-Policy stays as strict as a per-request render's.
import "server-only";
import { readFileSync } from "node:fs";
import { join } from "node:path";

// @option PRERENDER_DIR: string = "<cwd>/.next/server/app"
// Where `next build` writes prerendered pages (`index.html` for `/`, `_not-found.html`); `next start` runs
// from the project root. Under `next dev` there are none, and pages render per request.
const PRERENDER_DIR = join(/*turbopackIgnore: true*/ process.cwd(), ".next", "server", "app");

export type Shell = readonly string[];

const shells = new Map<string, Shell | null>();

/**
 * A document cut right after every `<script` and `<link` tag name, where a nonce attribute goes.
 * React escapes `<` in text, attributes and inline script data, so `<script` and `<link` occur only as tags.
 */
export function cutShell(html: string): Shell {
  return html.split(/(?<=<script|<link)(?=[\s>/])/);
}

/** The prerendered document `name` (`index`, `_not-found`), cut by cutShell; null when there is none (`next dev`). */
export function prerenderedShell(name: string): Shell | null {
  if (!shells.has(name)) {
    let html: string | null = null;
    try {
      html = readFileSync(join(PRERENDER_DIR, `${name}.html`), "utf8");
    } catch {
      html = null;
    }
    shells.set(name, html === null ? null : cutShell(html));
  }
  return shells.get(name)!;
}

/** A fresh nonce, as random as crypto.randomUUID. */
export const newNonce = () => Buffer.from(crypto.randomUUID()).toString("base64");

/** The headers of a page document, but its policy; nonce'd HTML is never reused, by a browser or any cache. */
export const DOCUMENT_HEADERS = { "content-type": "text/html; charset=utf-8", "cache-control": "private, no-cache, no-store, max-age=0, must-revalidate" } as const;

/** The document with `nonce` on every script and link tag (a link may preload a script). */
export function stampNonce(shell: Shell, nonce: string): string {
  return shell.join(` nonce="${nonce}"`);
}
