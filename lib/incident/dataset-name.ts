// @option DATASET_NAME: string = "2021 Daraa offensive: incidents"
// The incidents' name, wherever it is written: the top-level `name` of geodata/incidents.geojson (the build),
// of exported collections (the export button and GET /api/incidents), and the page's heading. Worded like
// its sibling layers ("2021 Daraa offensive: checkpoints", "…: siege of Daraa al-Balad").
export const DATASET_NAME = "2021 Daraa offensive: incidents";
