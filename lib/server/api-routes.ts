// The API's routes, declared once: each is a folder under app/ with a route.ts, and what the front door
// must know of it before Next reads the request (its methods, whether other sites may read it, how large a
// body it takes, whether a write needs a session). The gate (gate.ts), the write door (write-door.ts) and
// the body limits (body-limits.ts) read this table; tests/unit/api-routes.test.ts checks it against
// app/api/**/route.ts and each route's exported methods, so a route cannot be added without a row.
import "server-only";
import { MAX_BATCH_BYTES, MAX_DIVISION_BYTES } from "../geocode/config";
import { MAX_WRITE_BYTES } from "./write-limit";
import { DESCRIPTION_BODY, METADATA_BODY, SMALL_BODY, TINY_BODY } from "./body-limits";

export type RouteMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface ApiRoute {
  /** The route's folder under app/; a `[name]` segment matches any one path segment. */
  folder: string;
  /** The handlers route.ts exports, in the order the Allow header names them (HEAD goes with GET, OPTIONS is the door's). */
  methods: readonly RouteMethod[];
  /** Public data any origin may read (CORS preflight); the account and dataset routes are same-origin only. */
  shared?: boolean;
  /** The largest body a write accepts; TINY_BODY when unset. */
  maxBody?: number;
  /** Writes need no session: signing in and out, making the first admin, the importer's geocoding batch. */
  anonymousWrites?: boolean;
}

/**
 * The geocoder. Its GETs are answered by the front door itself (front-door.ts, with geocode-get.ts, the route's
 * own answer), which matches them by this row's folder. POST: the importer's batch of place queries, a read
 * sent as POST for its size (same origin: the CORS preflight offers reads only).
 */
export const GEOCODE_ROUTE: ApiRoute = { folder: "/api/geocode", methods: ["GET", "POST"], shared: true, maxBody: MAX_BATCH_BYTES, anonymousWrites: true };

export const API_ROUTES: readonly ApiRoute[] = [
  { folder: "/api/incidents", methods: ["GET"], shared: true },
  { folder: "/api/incidents/columns", methods: ["GET"], shared: true },
  GEOCODE_ROUTE,
  // The page's summaries: the division of each point whose file names none (a read sent as POST for its size).
  { folder: "/api/geocode/divisions", methods: ["POST"], maxBody: MAX_DIVISION_BYTES, anonymousWrites: true },
  { folder: "/api/basemap/[layer]", methods: ["GET"], shared: true },
  { folder: "/api/health", methods: ["GET"] },
  { folder: "/api/session", methods: ["GET", "POST", "DELETE"], maxBody: SMALL_BODY, anonymousWrites: true },
  { folder: "/api/setup", methods: ["POST"], maxBody: SMALL_BODY, anonymousWrites: true },
  { folder: "/api/users", methods: ["GET", "POST"], maxBody: SMALL_BODY },
  { folder: "/api/users/[name]", methods: ["PATCH"], maxBody: SMALL_BODY },
  { folder: "/api/datasets", methods: ["GET", "POST"], maxBody: MAX_WRITE_BYTES },
  { folder: "/api/datasets/[slug]", methods: ["GET", "PATCH", "DELETE"], maxBody: METADATA_BODY },
  { folder: "/api/datasets/[slug]/incidents", methods: ["POST"], maxBody: MAX_WRITE_BYTES },
  { folder: "/api/datasets/[slug]/description", methods: ["GET", "PUT", "DELETE"], shared: true, maxBody: DESCRIPTION_BODY },
  { folder: "/api/datasets/[slug]/links", methods: ["POST", "DELETE"], maxBody: TINY_BODY },
  { folder: "/api/datasets/[slug]/shares", methods: ["PUT"], maxBody: METADATA_BODY },
];

/** The pattern of a route's path as sent: a `[name]` folder is one segment (an escaped `/`, as in `/api%2fincidents`, is no separator). */
const pathPattern = (folder: string): RegExp => new RegExp(`^${folder.split("/").map((s) => (/^\[.+\]$/.test(s) ? "[^/]+" : s)).join("/")}$`);

const PATTERNS = API_ROUTES.map((route) => ({ route, pattern: pathPattern(route.folder) }));

/** The route that answers `path` (as sent, without the query), or undefined. */
export const apiRoute = (path: string): ApiRoute | undefined => PATTERNS.find((p) => p.pattern.test(path))?.route;

/** The body limit of a write to `path` (as sent, without the query); TINY_BODY for any other path. */
export const bodyLimit = (path: string): number => apiRoute(path)?.maxBody ?? TINY_BODY;

/** The routes as a reader writes them, for an answer that lists them: `/api/basemap/{layer}`. */
export const routeNames = (): string => API_ROUTES.map((r) => r.folder.replace(/\[(.+?)\]/g, "{$1}")).join(", ");
