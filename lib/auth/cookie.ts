import "server-only";
// The session cookie: HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site writes), Path=/,
// and over https Secure with the `__Host-` prefix (the browser then refuses it without Secure, or with a
// Domain, so a sibling subdomain cannot plant one).

// @option SESSION_TTL_SECONDS: number = 7 days; a session ends this long after sign-in
export const SESSION_TTL_SECONDS = 7 * 24 * 60 * 60;

const PLAIN_NAME = "session";
const HOST_NAME = "__Host-session";

/** The cookie's name for a request made over https (secure) or not. */
export const sessionCookieName = (secure: boolean): string => (secure ? HOST_NAME : PLAIN_NAME);

/** The Set-Cookie value that stores a session token. */
export function sessionCookie(token: string, secure: boolean, maxAge = SESSION_TTL_SECONDS): string {
  return [`${sessionCookieName(secure)}=${token}`, "Path=/", `Max-Age=${maxAge}`, "HttpOnly", "SameSite=Lax", ...(secure ? ["Secure"] : [])].join("; ");
}

/** The Set-Cookie value that removes the session cookie. */
export const clearedSessionCookie = (secure: boolean): string => sessionCookie("", secure, 0);

/** A cookie's value from a Cookie header, or null. The first one counts when a name repeats. */
export function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/** The session token a request carries (the cookie for its scheme), or null. */
export function requestSessionToken(cookieHeader: string | null, secure: boolean): string | null {
  return readCookie(cookieHeader, sessionCookieName(secure)) || null;
}
