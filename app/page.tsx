// The map page: loads and validates the datasets on the server, derives what the map needs once, and
// hands plain props to the client explorer.
import { preload } from "react-dom";
import IncidentExplorer from "@/components/IncidentExplorer";
import { loadCheckpoints, loadIncidents, loadPlacedIncidents, loadSiege } from "@/lib/server/load";
import { DEFAULT_BBOX } from "@/lib/incident/reference";
import { DATASET_NAME } from "@/lib/incident/dataset-name";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// @option INLINE_LIMIT: number = 5000
// Largest dataset sent inside the page. A larger one (say 100,000 ACLED rows) would make the HTML tens of
// megabytes; the browser fetches it as compact columns (GET /api/incidents/columns) in a Web Worker instead.
const INLINE_LIMIT = 5000;

const REMOTE_URL = "/api/incidents/columns";

export default async function Page({ searchParams }: { searchParams: SearchParams }) {
  // The explorer reads the link on the client; awaiting the query only keeps the page rendered per request.
  await searchParams;
  const all = loadIncidents();
  const inline = all.features.length <= INLINE_LIMIT;
  // The browser starts fetching a large dataset while it reads the HTML, long before the page's scripts
  // run and ask for it (components/useRemoteIncidents.ts).
  if (!inline) preload(REMOTE_URL, { as: "fetch", crossOrigin: "anonymous" });
  return (
    <IncidentExplorer
      datasetName={DATASET_NAME}
      incidents={inline ? loadPlacedIncidents() : null}
      remote={inline ? null : { url: REMOTE_URL, count: all.features.length }}
      checkpoints={loadCheckpoints()}
      siege={loadSiege()}
      defaultBbox={DEFAULT_BBOX}
    />
  );
}
