-- Up Migration
-- Where a road's or an area's marker stands (lib/incident/anchor.ts, computed in JavaScript) and its
-- geometry's box, kept once worked out: a read then filters and frames a million-vertex polygon from six
-- numbers instead of parsing its text again (a point needs neither; its own coordinates are both). Filled
-- by the reads (lib/server/incident-query.ts); a changed or deleted incident loses its row in the same
-- statement, so a row is never older than its incident.
CREATE TABLE incident_shapes (
  dataset_id bigint NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
  seq integer NOT NULL,
  anchor_x float8 NOT NULL,
  anchor_y float8 NOT NULL,
  west float8 NOT NULL,
  south float8 NOT NULL,
  east float8 NOT NULL,
  north float8 NOT NULL,
  PRIMARY KEY (dataset_id, seq)
);

CREATE FUNCTION incident_shapes_forget() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM incident_shapes s USING changed_old o WHERE s.dataset_id = o.dataset_id AND s.seq = o.seq;
  RETURN NULL;
END
$$;

-- Once per statement, from the transition table, as the version triggers do.
CREATE TRIGGER incidents_shapes_update AFTER UPDATE ON incidents
  REFERENCING OLD TABLE AS changed_old FOR EACH STATEMENT EXECUTE FUNCTION incident_shapes_forget();
CREATE TRIGGER incidents_shapes_delete AFTER DELETE ON incidents
  REFERENCING OLD TABLE AS changed_old FOR EACH STATEMENT EXECUTE FUNCTION incident_shapes_forget();

-- Down Migration
DROP TRIGGER incidents_shapes_delete ON incidents;
DROP TRIGGER incidents_shapes_update ON incidents;
DROP FUNCTION incident_shapes_forget();
DROP TABLE incident_shapes;
