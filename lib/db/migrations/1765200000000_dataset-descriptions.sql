-- Up Migration
-- What a saved dataset's owner says about it beyond its metadata: its reference point, default view and
-- context layers (lib/dataset/stored-description.ts checks the document both ways). A row of its own, so
-- reading a dataset's row never drags its context layers along; gone with the dataset.
CREATE TABLE dataset_descriptions (
  dataset_id bigint PRIMARY KEY REFERENCES datasets (id) ON DELETE CASCADE,
  body jsonb NOT NULL CHECK (jsonb_typeof(body) = 'object'),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Down Migration
DROP TABLE dataset_descriptions;
