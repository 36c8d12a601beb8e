// Next's request proxy (formerly middleware): every request but Next's static files passes here first.
// lib/server/gate.ts answers what must not reach a route (a broken escape, an unknown API path, a method the
// route does not take), and a write from another site is refused here (lib/auth/origin.ts);
// the page's documents are served from their prerendered HTML with a fresh CSP nonce on every script
// (lib/server/page-shell.ts), so a crowd costs string joins, not renders.
import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy } from "@/lib/server/security-headers";
import { gate } from "@/lib/server/gate";
import { originProblem } from "@/lib/auth/origin";
import { requestSessionToken } from "@/lib/auth/cookie";
import { DOCUMENT_HEADERS, newNonce, prerenderedShell, stampNonce } from "@/lib/server/page-shell";
import { storeOpeningAnswer } from "@/lib/server/store-opening";

export function proxy(request: NextRequest) {
  const decision = gate(request.method, request.nextUrl.pathname);
  if (decision.kind === "answer") return new NextResponse(request.method === "HEAD" ? null : decision.body, { status: decision.status, headers: decision.headers });
  if (decision.kind === "next") {
    const refused = originProblem({
      method: request.method,
      origin: request.headers.get("origin"),
      hasSession: requestSessionToken(request.headers.get("cookie"), request.nextUrl.protocol === "https:") !== null,
      // The Host the client addressed (Next's nextUrl names the host it listens on, e.g. localhost).
      ownOrigin: `${request.nextUrl.protocol}//${request.headers.get("host") ?? request.nextUrl.host}`,
    });
    if (refused) return NextResponse.json({ error: refused, field: "Origin" }, { status: 403, headers: { "cache-control": "no-store" } });
    const opening = storeOpeningAnswer(request.nextUrl.pathname);
    if (opening) return new NextResponse(request.method === "HEAD" ? null : opening.body, opening);
    return NextResponse.next();
  }

  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV !== "production");
  // A client-side navigation asks for the page's React payload, not its HTML: Next serves that.
  const shell = request.headers.has("rsc") ? null : prerenderedShell(decision.kind === "page" ? "index" : "_not-found");
  if (shell) {
    const body = request.method === "HEAD" ? null : stampNonce(shell, nonce);
    return new NextResponse(body, { status: decision.kind === "page" ? 200 : 404, headers: { ...DOCUMENT_HEADERS, "content-security-policy": csp } });
  }
  // No prerendered document (`next dev`): Next renders it, reading the nonce from the request's policy.
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  // Everything but Next's built files, which are immutable and need no nonce.
  matcher: [{ source: "/((?!_next/static|_next/image).*)" }],
};
