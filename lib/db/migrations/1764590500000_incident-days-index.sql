-- Up Migration
-- An incident's days as a range in a GiST index, so that a date filter (ranges that overlap the asked
-- days) is answered by an index as selective as the filter, and combined with the geometry's GiST index
-- (BitmapAnd) for a map view: the btree on event_date alone narrows only one end. Undated incidents have
-- no range (NULL), and are never in it. Validation guarantees event_date_end >= event_date.
CREATE INDEX incidents_days ON incidents USING gist (daterange(event_date, coalesce(event_date_end, event_date), '[]'))
  WHERE event_date IS NOT NULL;

-- Down Migration
DROP INDEX incidents_days;
