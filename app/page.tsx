// The map page: one static shell for every visitor, prerendered at build and served with a fresh CSP
// nonce per request (lib/server/front-door.ts), so a crowd costs no renders. What differs between visits is read in the
// browser: the link's state from the URL (components/explorer/store.ts), the incidents from the cached API
// (GET /api/incidents/columns?dataset=…, with an ETag, one request per dataset the link names) and what each
// dataset says about itself (GET /api/datasets/<slug>/description: its context layers, reference point, view).
import { preload } from "react-dom";
import IncidentExplorer from "@/components/IncidentExplorer";
import { COLUMNS_URL, DEFAULT_DATASET, descriptionUrl } from "@/lib/url/dataset-params";

export const dynamic = "force-static";

export default function Page() {
  // The browser starts fetching the default dataset while it reads the HTML, long before the page's
  // scripts run and ask for it (components/datasets/useRemoteIncidents.ts).
  preload(COLUMNS_URL, { as: "fetch", crossOrigin: "anonymous" });
  // Its description too: the map waits for it to frame the dataset, and the page asks only once hydrated.
  preload(descriptionUrl(DEFAULT_DATASET), { as: "fetch", crossOrigin: "anonymous" });
  return <IncidentExplorer />;
}
