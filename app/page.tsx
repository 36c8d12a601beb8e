// The map page: one static shell for every visitor, prerendered at build and served with a fresh CSP
// nonce per request (proxy.ts), so a crowd costs no renders. What differs between visits is read in the
// browser: the link's state from the URL (components/explorer/store.ts) and the incidents from the cached API
// (GET /api/incidents/columns, with an ETag), so `INCIDENTS_PATH` still picks the dataset at `next start`.
import { preload } from "react-dom";
import IncidentExplorer from "@/components/IncidentExplorer";
import { loadCheckpoints, loadSiege } from "@/lib/server/load";
import { DEFAULT_BBOX } from "@/lib/incident/reference";
import { DATASET_NAME } from "@/lib/incident/dataset-name";

export const dynamic = "force-static";

const REMOTE_URL = "/api/incidents/columns";

export default function Page() {
  // The browser starts fetching the incidents while it reads the HTML, long before the page's scripts
  // run and ask for them (components/useRemoteIncidents.ts).
  preload(REMOTE_URL, { as: "fetch", crossOrigin: "anonymous" });
  return <IncidentExplorer datasetName={DATASET_NAME} remote={{ url: REMOTE_URL }} checkpoints={loadCheckpoints()} siege={loadSiege()} defaultBbox={DEFAULT_BBOX} />;
}
