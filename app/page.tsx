// The map page: one static shell for every visitor, prerendered at build and served with a fresh CSP
// nonce per request (lib/server/front-door.ts), so a crowd costs no renders. What differs between visits is read in the
// browser: the link's state from the URL (components/explorer/store.ts), the incidents from the cached API
// (GET /api/incidents/columns?dataset=…, with an ETag, one request per dataset the link names) and what each
// dataset says about itself (GET /api/datasets/<slug>/description: its context layers, reference point, view).
import IncidentExplorer from "@/components/IncidentExplorer";
import { earlyRequestsScript } from "@/components/datasets/early-requests";
import { COLUMNS_URL, DEFAULT_DATASET } from "@/lib/url/dataset-params";

export const dynamic = "force-static";

// The browser starts fetching the link's datasets and their descriptions (the map waits for them to frame
// the datasets) while it reads the HTML, long before the page's scripts run and ask for them
// (components/datasets/useLinkedDatasets.ts): only the link's, so none holds one of the browser's six
// connections for nothing while the page's scripts wait for one.
const PRELOAD_LINKED = earlyRequestsScript(COLUMNS_URL, DEFAULT_DATASET);

export default function Page() {
  return (
    <>
      {/* Constant code, no outside text: the front door puts the request's nonce on it as on every script. */}
      <script type="module" async dangerouslySetInnerHTML={{ __html: PRELOAD_LINKED }} />
      <IncidentExplorer />
    </>
  );
}
