// KML (uMap, Google My Maps) → Source, through @tmcw/togeojson over @xmldom/xmldom's DOMParser (a Web
// Worker has no DOMParser of its own). Each Placemark is a feature: its name, description and
// ExtendedData fields become columns. A document that declares a DOCTYPE or entities is refused before
// parsing (external entities, "billion laughs"); KML never needs one.
import { kml } from "@tmcw/togeojson";
import { DOMParser } from "@xmldom/xmldom";
import { ImportError } from "../errors";
import { readFeatures } from "./features";
import type { Source } from "./types";
import type { JsonContext } from "./union";

// Styling togeojson copies from KML styles: how the author drew the placemark, not what happened there.
const STYLE_KEYS = new Set([
  "styleUrl",
  "styleHash",
  "styleMapHash",
  "stroke",
  "stroke-opacity",
  "stroke-width",
  "fill",
  "fill-opacity",
  "icon",
  "icon-scale",
  "icon-heading",
  "icon-offset",
  "icon-offset-units",
  "icon-color",
  "icon-opacity",
  "label-scale",
  "label-color",
  "label-opacity",
  "visibility",
]);

export function readKml(text: string, ctx: JsonContext): Source {
  const declared = /<!(DOCTYPE|ENTITY)\b/i.exec(text);
  if (declared) throw new ImportError("file", declared[0], "the KML declares a DOCTYPE or entities, which KML never needs; refused so no entity is expanded or fetched");
  let doc;
  try {
    doc = new DOMParser({
      onError: (level, message) => {
        if (level !== "warning") throw new Error(message);
      },
    }).parseFromString(text, "text/xml");
  } catch (err) {
    throw new ImportError("file", text.slice(0, 40), `not well-formed XML: ${err instanceof Error ? err.message : String(err)}`);
  }
  const root = doc.documentElement;
  if (!root || root.localName !== "kml") throw new ImportError("file", root?.nodeName ?? "", "the XML document is not KML (its root element must be <kml>)");
  const features = kml(doc).features;
  if (features.length === 0) throw new ImportError("file", ctx.fileName, "the KML holds no Placemarks: nothing to import");
  if (features.length > ctx.limits.maxRows) throw new ImportError("features", `${features.length} placemarks`, `more than ${ctx.limits.maxRows} placemarks; split the file`);
  let styled = false;
  let html = false;
  for (const f of features) {
    const props = f.properties ?? {};
    // togeojson marks an HTML description { "@type": "html", value }: its text is the value (shown as text, never as HTML).
    const d = props.description as { "@type"?: unknown; value?: unknown } | undefined;
    if (d && typeof d === "object" && d["@type"] === "html" && typeof d.value === "string") {
      props.description = d.value;
      html = true;
    }
    for (const k of Object.keys(props)) {
      if (STYLE_KEYS.has(k)) {
        delete props[k];
        styled = true;
      }
    }
  }
  const warnings = [...ctx.warnings];
  if (styled) warnings.push("the placemarks' styles (icons, colours) were left out");
  if (html) warnings.push("some descriptions are written in HTML; they were kept as text, tags included");
  return readFeatures(features, "kml", { ...ctx, warnings });
}
