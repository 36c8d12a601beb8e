-- Up Migration
CREATE TABLE accounts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL UNIQUE CHECK (name ~ '^[A-Za-z0-9._-]{1,64}$'),
  role text NOT NULL CHECK (role IN ('admin', 'editor', 'viewer')),
  -- "scrypt$N$r$p$salt$hash" (base64), see lib/auth
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  disabled_at timestamptz
);

CREATE TABLE sessions (
  -- SHA-256 of the cookie's random value: a stolen table does not hold usable cookies
  token_hash bytea PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_account ON sessions (account_id);

CREATE TABLE datasets (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  description text NOT NULL DEFAULT '',
  licence text NOT NULL DEFAULT '',
  source text NOT NULL DEFAULT '',
  visibility text NOT NULL CHECK (visibility IN ('private', 'link', 'public')),
  -- null: made by the system (the seeded Daraa dataset)
  owner_id bigint REFERENCES accounts (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- People a private dataset is shared with.
CREATE TABLE dataset_shares (
  dataset_id bigint NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  PRIMARY KEY (dataset_id, account_id)
);

-- "Anyone with the link": the link holds a random token of 128 bits or more; only its SHA-256 is kept.
CREATE TABLE dataset_links (
  token_hash bytea PRIMARY KEY,
  dataset_id bigint NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);
CREATE INDEX dataset_links_dataset ON dataset_links (dataset_id);

-- The files a dataset was built from, kept whole so the dataset can be rebuilt from them.
CREATE TABLE dataset_sources (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  dataset_id bigint NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
  name text NOT NULL,
  media_type text NOT NULL,
  sha256 text NOT NULL,
  content bytea NOT NULL,
  added_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dataset_sources_dataset ON dataset_sources (dataset_id);

CREATE TABLE incidents (
  dataset_id bigint NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
  -- the incident's place in its dataset, so every answer lists incidents in the file's order
  seq integer NOT NULL,
  event_id text NOT NULL,
  event_date date,
  event_date_end date,
  event_type text NOT NULL,
  -- the geometry's own columns: 1765300000000_portable-geometry.sql
  -- the GeoJSON Feature exactly as served (json keeps key order and text; jsonb would not)
  feature json NOT NULL,
  PRIMARY KEY (dataset_id, seq),
  UNIQUE (dataset_id, event_id)
);
CREATE INDEX incidents_date ON incidents (dataset_id, event_date);

-- Down Migration
DROP TABLE incidents;
DROP TABLE dataset_sources;
DROP TABLE dataset_links;
DROP TABLE dataset_shares;
DROP TABLE datasets;
DROP TABLE sessions;
DROP TABLE accounts;
