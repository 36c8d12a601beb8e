// Links from imported data: only http(s) becomes a link; `javascript:`, `data:`, `vbscript:`, relative
// paths and anything unparsable stay text.

// @option MAX_URL_LENGTH: integer, characters, default 2048. Longer values are not made links.
export const MAX_URL_LENGTH = 2048;

/**
 * The URL, normalised by the WHATWG parser, when `value` is an absolute http: or https: URL without
 * embedded credentials (`https://bank.example@evil.example/` misleads readers); otherwise null.
 */
export function safeHttpUrl(value: unknown): string | null {
  if (typeof value !== "string" || value.length > MAX_URL_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  if (url.username !== "" || url.password !== "") return null;
  return url.href;
}
