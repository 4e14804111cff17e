-- Loads a standpoint-dataset file into a Standpoint library with nothing but
-- the sqlite3 shell: what someone without Standpoint would do.  It checks
-- nothing a JSON parser and the schema's constraints do not check.
--
-- bench/import.sh fills in the settings and the migrations, and replaces
-- @FILE@ by the dataset's path (readfile() is a function of the sqlite3
-- shell).  Dates become [lo, hi) bounds with SQLite's date functions;
-- qualifiers ("~", "?", "%") are dropped from the bounds, and negative
-- years are not handled (sp-gen-dataset writes none).  The hash columns get 0.
-- On files from sp-gen-dataset every column except hash and
-- datasets.imported_at comes out as Standpoint's importer writes it.

-- The app's connection settings: import.sh replaces the marker below by the
-- "PRAGMA name = value" statements of src/core/*.c (when this was written:
-- journal_mode = WAL, synchronous = NORMAL, foreign_keys = ON), so that both
-- sides run with the same ones.
-- @PRAGMAS@

-- The schema, as the app creates it: import.sh replaces the marker below by
-- src/core/migrations/*.sql in order and "PRAGMA user_version = N".
BEGIN IMMEDIATE;
-- @MIGRATIONS@
COMMIT;

BEGIN IMMEDIATE;

INSERT INTO datasets (id, title, description, language, license, file, imported_at)
SELECT value ->> 'id', value ->> 'title', value ->> 'description',
       value ->> 'language', value ->> 'license', '@FILE@', unixepoch ()
FROM json_each (readfile ('@FILE@'))
WHERE key = 'dataset';

-- Each date member goes through the same two steps: drop the qualifier and
-- measure the form (b: the first instant as SQLite reads it; p: precision,
-- 1 year, 2 month, 3 day, 4 minute, 5 second); then lo = unixepoch (b) and
-- hi = lo plus one unit of the precision.

WITH r AS (
  SELECT value AS v,
         rtrim (value ->> 'published', '?~%') AS pt,
         rtrim (value ->> 'accessed', '?~%') AS at
  FROM json_each (readfile ('@FILE@'), '$.sources')
), d AS (
  SELECT v,
         CASE length (pt) WHEN 4 THEN pt || '-01-01' WHEN 7 THEN pt || '-01' ELSE pt END AS pb,
         CASE length (pt) WHEN 4 THEN 1 WHEN 7 THEN 2 WHEN 10 THEN 3
                          ELSE 4 + (substr (pt, 17, 1) = ':') END AS pp,
         CASE length (at) WHEN 4 THEN at || '-01-01' WHEN 7 THEN at || '-01' ELSE at END AS ab,
         CASE length (at) WHEN 4 THEN 1 WHEN 7 THEN 2 WHEN 10 THEN 3
                          ELSE 4 + (substr (at, 17, 1) = ':') END AS ap
  FROM r
)
INSERT INTO sources (id, title, publisher, url,
                     published, published_lo, published_hi, published_precision,
                     accessed, accessed_lo, accessed_hi, accessed_precision,
                     language, text, hash)
SELECT v ->> 'id', v ->> 'title', v ->> 'publisher', v ->> 'url',
       v ->> 'published', unixepoch (pb),
       unixepoch (pb, CASE pp WHEN 1 THEN '+1 years' WHEN 2 THEN '+1 months' WHEN 3 THEN '+1 days'
                              WHEN 4 THEN '+1 minutes' ELSE '+1 seconds' END),
       pp,
       v ->> 'accessed', unixepoch (ab),
       unixepoch (ab, CASE ap WHEN 1 THEN '+1 years' WHEN 2 THEN '+1 months' WHEN 3 THEN '+1 days'
                              WHEN 4 THEN '+1 minutes' ELSE '+1 seconds' END),
       ap,
       v ->> 'language', v ->> 'text', 0
FROM d;

INSERT INTO actors (id, kind, name, country_id, description, hash)
SELECT value ->> 'id',
       CASE value ->> 'kind' WHEN 'person' THEN 1 WHEN 'country' THEN 2 ELSE 3 END,
       value ->> 'name', value ->> 'country', value ->> 'description', 0
FROM json_each (readfile ('@FILE@'), '$.actors');

WITH r AS (
  SELECT value AS v,
         rtrim (value ->> 'start', '?~%') AS st,
         rtrim (value ->> 'end', '?~%') AS et
  FROM json_each (readfile ('@FILE@'), '$.offices')
), d AS (
  SELECT v,
         CASE length (st) WHEN 4 THEN st || '-01-01' WHEN 7 THEN st || '-01' ELSE st END AS sb,
         CASE length (st) WHEN 4 THEN 1 WHEN 7 THEN 2 WHEN 10 THEN 3
                          ELSE 4 + (substr (st, 17, 1) = ':') END AS sp,
         CASE length (et) WHEN 4 THEN et || '-01-01' WHEN 7 THEN et || '-01' ELSE et END AS eb,
         CASE length (et) WHEN 4 THEN 1 WHEN 7 THEN 2 WHEN 10 THEN 3
                          ELSE 4 + (substr (et, 17, 1) = ':') END AS ep
  FROM r
)
INSERT INTO offices (id, holder_id, title, of_id,
                     start, start_lo, start_hi, start_precision,
                     "end", end_lo, end_hi, end_precision, hash)
SELECT v ->> 'id', v ->> 'holder', v ->> 'title', v ->> 'of',
       v ->> 'start', unixepoch (sb),
       unixepoch (sb, CASE sp WHEN 1 THEN '+1 years' WHEN 2 THEN '+1 months' WHEN 3 THEN '+1 days'
                              WHEN 4 THEN '+1 minutes' ELSE '+1 seconds' END),
       sp,
       v ->> 'end', unixepoch (eb),
       unixepoch (eb, CASE ep WHEN 1 THEN '+1 years' WHEN 2 THEN '+1 months' WHEN 3 THEN '+1 days'
                              WHEN 4 THEN '+1 minutes' ELSE '+1 seconds' END),
       ep, 0
FROM d;

INSERT INTO office_sources (office_id, source_id)
SELECT o.value ->> 'id', s.value
FROM json_each (readfile ('@FILE@'), '$.offices') AS o,
     json_each (o.value, '$.sources') AS s;

INSERT INTO topics (id, label, proposition, description, hash)
SELECT value ->> 'id', value ->> 'label', value ->> 'proposition', value ->> 'description', 0
FROM json_each (readfile ('@FILE@'), '$.topics');

-- An event on one date stores it as its start, with no end.
WITH r AS (
  SELECT value AS v,
         coalesce (value ->> 'date', value ->> 'start') AS s,
         rtrim (coalesce (value ->> 'date', value ->> 'start'), '?~%') AS st,
         rtrim (value ->> 'end', '?~%') AS et
  FROM json_each (readfile ('@FILE@'), '$.events')
), d AS (
  SELECT v, s,
         CASE length (st) WHEN 4 THEN st || '-01-01' WHEN 7 THEN st || '-01' ELSE st END AS sb,
         CASE length (st) WHEN 4 THEN 1 WHEN 7 THEN 2 WHEN 10 THEN 3
                          ELSE 4 + (substr (st, 17, 1) = ':') END AS sp,
         CASE length (et) WHEN 4 THEN et || '-01-01' WHEN 7 THEN et || '-01' ELSE et END AS eb,
         CASE length (et) WHEN 4 THEN 1 WHEN 7 THEN 2 WHEN 10 THEN 3
                          ELSE 4 + (substr (et, 17, 1) = ':') END AS ep
  FROM r
)
INSERT INTO events (id, title, description, location,
                    start, start_lo, start_hi, start_precision,
                    "end", end_lo, end_hi, end_precision, hash)
SELECT v ->> 'id', v ->> 'title', v ->> 'description', v ->> 'location',
       s, unixepoch (sb),
       unixepoch (sb, CASE sp WHEN 1 THEN '+1 years' WHEN 2 THEN '+1 months' WHEN 3 THEN '+1 days'
                              WHEN 4 THEN '+1 minutes' ELSE '+1 seconds' END),
       sp,
       v ->> 'end', unixepoch (eb),
       unixepoch (eb, CASE ep WHEN 1 THEN '+1 years' WHEN 2 THEN '+1 months' WHEN 3 THEN '+1 days'
                              WHEN 4 THEN '+1 minutes' ELSE '+1 seconds' END),
       ep, 0
FROM d;

INSERT INTO event_participants (event_id, actor_id, role)
SELECT e.value ->> 'id', p.value ->> 'actor',
       CASE p.value ->> 'role' WHEN 'chair' THEN 1 WHEN 'host' THEN 2 WHEN 'attendee' THEN 3
                               WHEN 'speaker' THEN 4 ELSE 5 END
FROM json_each (readfile ('@FILE@'), '$.events') AS e,
     json_each (e.value, '$.participants') AS p;

INSERT INTO event_sources (event_id, source_id)
SELECT e.value ->> 'id', s.value
FROM json_each (readfile ('@FILE@'), '$.events') AS e,
     json_each (e.value, '$.sources') AS s;

WITH r AS (
  SELECT value AS v, value ->> 'said' AS said, rtrim (value ->> 'said', '?~%') AS t
  FROM json_each (readfile ('@FILE@'), '$.statements')
), d AS (
  SELECT v, said,
         CASE length (t) WHEN 4 THEN t || '-01-01' WHEN 7 THEN t || '-01' ELSE t END AS b,
         CASE length (t) WHEN 4 THEN 1 WHEN 7 THEN 2 WHEN 10 THEN 3
                         ELSE 4 + (substr (t, 17, 1) = ':') END AS p
  FROM r
)
INSERT INTO statements (id, speaker_id, topic_id, stance, quantity, unit, quote, paraphrase,
                        said, said_lo, said_hi, said_precision,
                        source_id, offset_start, offset_end, event_id, hash)
SELECT v ->> 'id', v ->> 'speaker', v ->> 'topic',
       CASE v ->> 'stance' WHEN 'support' THEN 1 WHEN 'oppose' THEN 2 WHEN 'neutral' THEN 3
                           WHEN 'mixed' THEN 4 ELSE 5 END,
       v ->> '$.quantity.value', v ->> '$.quantity.unit',
       v ->> 'quote', v ->> 'paraphrase',
       said, unixepoch (b),
       unixepoch (b, CASE p WHEN 1 THEN '+1 years' WHEN 2 THEN '+1 months' WHEN 3 THEN '+1 days'
                            WHEN 4 THEN '+1 minutes' ELSE '+1 seconds' END),
       p,
       v ->> 'source', v ->> '$.offsets[0]', v ->> '$.offsets[1]', v ->> 'event', 0
FROM d;

-- Full-text search.  When the schema has no insert triggers that index each
-- new row, index all rows in one statement, as the app does.
INSERT INTO sources_fts (rowid, title, text)
SELECT pk, title, text FROM sources
WHERE NOT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'trigger' AND name = 'sources_fts_insert');

INSERT INTO events_fts (rowid, title, description)
SELECT pk, title, description FROM events
WHERE NOT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'trigger' AND name = 'events_fts_insert');

INSERT INTO statements_fts (rowid, quote, paraphrase)
SELECT pk, quote, paraphrase FROM statements
WHERE NOT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'trigger' AND name = 'statements_fts_insert');

-- kind: 1 source, 2 actor, 3 office, 4 topic, 5 event, 6 statement.
INSERT INTO provenance (kind, record_id, dataset_id)
SELECT 1, id, (SELECT id FROM datasets) FROM sources
UNION ALL SELECT 2, id, (SELECT id FROM datasets) FROM actors
UNION ALL SELECT 3, id, (SELECT id FROM datasets) FROM offices
UNION ALL SELECT 4, id, (SELECT id FROM datasets) FROM topics
UNION ALL SELECT 5, id, (SELECT id FROM datasets) FROM events
UNION ALL SELECT 6, id, (SELECT id FROM datasets) FROM statements;

COMMIT;
