// Where the project's data files live (the datasets, the base map, the gazetteer): the server and the
// command-line scripts run from the project root.
import "server-only";
import { join } from "node:path";

// @option GEODATA_DIR: string = "<cwd>/geodata"
// The comment keeps Turbopack from tracing the whole project into the server output because of process.cwd().
export const GEODATA_DIR = join(/*turbopackIgnore: true*/ process.cwd(), "geodata");
