-- Up Migration
-- A number that changes whenever a dataset's incidents change, in the statement that changes them: the
-- read routes key their caches and ETags on it without counting a million rows per request.
ALTER TABLE datasets ADD COLUMN version bigint NOT NULL DEFAULT 1;

CREATE FUNCTION datasets_bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    UPDATE datasets SET version = version + 1 WHERE id IN (SELECT DISTINCT dataset_id FROM changed_new);
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE datasets SET version = version + 1 WHERE id IN (SELECT DISTINCT dataset_id FROM changed_old);
  END IF;
  RETURN NULL;
END
$$;

-- Once per statement (a 1,000-row batch bumps once), from the transition tables.
CREATE TRIGGER incidents_version_insert AFTER INSERT ON incidents
  REFERENCING NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION datasets_bump_version();
CREATE TRIGGER incidents_version_update AFTER UPDATE ON incidents
  REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION datasets_bump_version();
CREATE TRIGGER incidents_version_delete AFTER DELETE ON incidents
  REFERENCING OLD TABLE AS changed_old FOR EACH STATEMENT EXECUTE FUNCTION datasets_bump_version();

-- Down Migration
DROP TRIGGER incidents_version_delete ON incidents;
DROP TRIGGER incidents_version_update ON incidents;
DROP TRIGGER incidents_version_insert ON incidents;
DROP FUNCTION datasets_bump_version();
ALTER TABLE datasets DROP COLUMN version;
