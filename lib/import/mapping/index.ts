// The mapping step: what each column of a file becomes, proposed from a sample and applied to every record.
export * from "./types";
export { proposeMapping, type SampleSource } from "./propose";
export { compileMapping, applyMapping, hasCoordinates, placeColumn, type Applied, type CompiledMapping, type NormalisedRow, type RowProblem } from "./apply";
export { readDate, readDateIn, guessDateFormat, DATE_FORMAT_EXAMPLES, TWO_DIGIT_YEAR_PIVOT, type ReadDate } from "./dates";
export { readEventType, UNCLASSIFIED } from "./event-types";
export { readPrecision, UCDP_DATE_TO_ACLED, UCDP_WHERE_TO_ACLED } from "./precision";
export { PROFILES, recogniseProfile, type Profile } from "./profiles";
