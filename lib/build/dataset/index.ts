// The dataset pipeline: source table → geocoded, validated incidents, context layers and summary.
export { csvField, TableError } from "./csv";
export { tableRecords, parseIncidentTable, readRow, COLUMNS, type IncidentRow, type ColumnName } from "./table";
export { SUB_EVENT_TYPES, FATALITY_SIDES, PHASES, type FatalitySide, type Phase } from "./acled";
export { ARTICLE_SOURCE, ARTICLE_PATH, quoteOccurs, infoboxCasualties, type InfoboxCasualties } from "./article";
export { resolvePlace, type Geocoder, type GeocodeAnswer, type ResolvedPlace } from "./place";
export { toFeature } from "./feature";
export { summarise, type DatasetSummary, type CasualtyLine } from "./summary";
export { buildCheckpoints, buildSiege, LAYER_QUOTES } from "./layers";
export { siegeOutline, BESIEGED, SIEGE_VERTICES, OUTLINE_SOURCES, type SiegeOutline } from "./siege-outline";
export { labelSpot } from "./label-spot";
export { buildGeodata, type BuildInputs, type BuildOutputs } from "./build";
export { roundGeometry, stableJson } from "./geometry";
