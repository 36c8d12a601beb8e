-- Up Migration
-- The geometry in core PostgreSQL types, which both engines query alike: the embedded store then runs
-- without PostGIS (loading it cost an open ~3 s and ~600 MB). `bounds` is the geometry's box, `lnglat` a
-- Point's own position (null for other geometries); the save writes both from the JavaScript it holds
-- (lib/db/copy-text.ts). Here they are filled from the stored feature in plain SQL, so a store made with
-- PostGIS migrates without loading it. The PostGIS indexes go first: writing a row would update them.
DROP INDEX IF EXISTS incidents_geom_days;
DROP INDEX IF EXISTS incidents_geom;
ALTER TABLE incidents DROP COLUMN IF EXISTS geom;
ALTER TABLE incidents ADD COLUMN bounds box, ADD COLUMN lnglat point;

CREATE FUNCTION pg_temp.geojson_bounds(geometry jsonb) RETURNS box LANGUAGE sql IMMUTABLE AS $$
  SELECT box(point(min((p ->> 0)::float8), min((p ->> 1)::float8)), point(max((p ->> 0)::float8), max((p ->> 1)::float8)))
  FROM jsonb_path_query(geometry, 'strict $.coordinates.** ? (@.type() == "array" && @[0].type() == "number")') AS p
$$;

-- The features do not change: neither the datasets' versions nor their kept shapes (the triggers) do.
ALTER TABLE incidents DISABLE TRIGGER USER;
UPDATE incidents SET
  bounds = pg_temp.geojson_bounds((feature -> 'geometry')::jsonb),
  lnglat = CASE WHEN feature -> 'geometry' ->> 'type' = 'Point'
    THEN point((feature -> 'geometry' -> 'coordinates' ->> 0)::float8, (feature -> 'geometry' -> 'coordinates' ->> 1)::float8) END;
ALTER TABLE incidents ENABLE TRIGGER USER;
DROP FUNCTION pg_temp.geojson_bounds(jsonb);
ALTER TABLE incidents ALTER COLUMN bounds SET NOT NULL;

-- A map view (a bbox and a date range) in one GiST index over the box and the incident's days as a range:
-- each level of the tree prunes by both, so a 0.5° box in a dense area over 14 days reads a few rows
-- instead of ANDing a bitmap of every incident in the box with one of every incident in the days. The
-- box's own index serves bbox-only queries and undated incidents, which have no days and are not in this
-- one. event_date_end >= event_date is guaranteed by validation.
CREATE INDEX incidents_bounds ON incidents USING gist (bounds);
CREATE INDEX incidents_bounds_days ON incidents USING gist (bounds, daterange(event_date, coalesce(event_date_end, event_date), '[]'))
  WHERE event_date IS NOT NULL;

-- Where PostGIS is installed (a PostgreSQL server), the table keeps a geometry for GIS tools (QGIS opens it
-- with its index), made from the feature; no answer reads it. Elsewhere (the embedded store) a store made
-- with PostGIS drops the extension, which it no longer loads.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'postgis') THEN
    CREATE EXTENSION IF NOT EXISTS postgis;
    EXECUTE 'ALTER TABLE incidents ADD COLUMN geom geometry (Geometry, 4326) NOT NULL
      GENERATED ALWAYS AS (ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(feature -> ''geometry''), 4326))) STORED';
    EXECUTE 'CREATE INDEX incidents_geom ON incidents USING gist (geom)';
  ELSE
    DROP EXTENSION IF EXISTS postgis;
  END IF;
END
$$;

-- Down Migration
DROP INDEX incidents_bounds_days;
DROP INDEX incidents_bounds;
ALTER TABLE incidents DROP COLUMN bounds, DROP COLUMN lnglat;
