// The map page: one static shell for every visitor, prerendered at build and served with a fresh CSP
// nonce per request (lib/server/front-door.ts), so a crowd costs no renders. What differs between visits is read in the
// browser: the link's state from the URL (components/explorer/store.ts), the incidents from the cached API
// (GET /api/incidents/columns?dataset=…, with an ETag, one request per dataset the link names) and what each
// dataset says about itself (GET /api/datasets/<slug>/description: its context layers, reference point, view).
import IncidentExplorer from "@/components/IncidentExplorer";
import { COLUMNS_URL, DEFAULT_DATASET, descriptionUrl } from "@/lib/url/dataset-params";

export const dynamic = "force-static";

// The browser starts fetching the default dataset and its description (the map waits for it to frame the
// dataset) while it reads the HTML, long before the page's scripts run and ask for them
// (components/datasets/useRemoteIncidents.ts). Only when the link names no dataset and no key: a link that
// does asks for its own (components/datasets/useLinkedDatasets.ts), and the default's download would only
// hold one of the browser's six connections while the page's scripts wait for one.
const PRELOAD_DEFAULT = `if(!/[?&](dataset|key)=/.test(location.search))for(const u of ${JSON.stringify([COLUMNS_URL, descriptionUrl(DEFAULT_DATASET)])}){const l=document.createElement("link");l.rel="preload";l.as="fetch";l.crossOrigin="anonymous";l.href=u;document.head.append(l)}`;

export default function Page() {
  return (
    <>
      {/* Constant code, no outside text: the front door puts the request's nonce on it as on every script. */}
      <script dangerouslySetInnerHTML={{ __html: PRELOAD_DEFAULT }} />
      <IncidentExplorer />
    </>
  );
}
