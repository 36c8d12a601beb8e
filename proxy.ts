// Next's request proxy (formerly middleware): gives every page request a fresh CSP nonce. Next reads the
// nonce from the request's Content-Security-Policy header and puts it on its own inline scripts.
import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy } from "@/lib/server/security-headers";

export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV !== "production");
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  // Pages only: API answers are JSON, and static assets need no nonce.
  matcher: [{ source: "/((?!api|_next/static|_next/image|favicon.ico).*)" }],
};
