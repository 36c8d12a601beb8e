-- Up Migration
-- Account names are unique whatever their case: `eddie` and `Eddie` would be two accounts sharing one
-- sign-in rate-limit bucket and easily mistaken for each other. A name that already clashes with an older
-- account's is renamed NAME-ID (the older keeps its name), so the index can be built.
UPDATE accounts a SET name = left(a.name, 50) || '-' || a.id
  WHERE EXISTS (SELECT 1 FROM accounts b WHERE lower(b.name) = lower(a.name) AND b.id < a.id);
CREATE UNIQUE INDEX accounts_name_lower ON accounts (lower(name));

-- Down Migration
DROP INDEX accounts_name_lower;
