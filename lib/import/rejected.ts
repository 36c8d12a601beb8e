// One row refused, named as the file names it: the shape every reader and the mapping step report in.
export interface RejectedRow {
  /** 1-based data row (the header and an HXL hashtag row are not data rows), or feature counted from 1. */
  row: number;
  /** CSV only: 1-based line of the file where the row starts (differs once quoted fields hold line breaks). */
  line?: number;
  /** The column or property as the file names it, or a path such as `geometry.coordinates[0]`. */
  field: string;
  /** The offending value, shortened for display (showValue): text, never HTML. */
  value: string;
  message: string;
}
