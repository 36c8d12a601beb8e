// What the export button builds a file with, loaded on its first click: most visits never export, so
// this code stays out of the page's first load.
export { GEOJSON_MEDIA_TYPE } from "@/lib/export/geojson";
export { geojsonParts } from "@/lib/export/geojson-parts";
export { datasetsFileName, datasetsName } from "@/lib/export/datasets";
export { allGroups, viewGroups } from "@/lib/export/scope";
export { exportFilters } from "@/lib/export/shown";
