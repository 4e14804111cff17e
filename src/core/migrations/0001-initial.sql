-- Standpoint library, schema version 1.
--
-- Text ids come from datasets and are stable; integer "pk" columns keep rowids
-- stable across VACUUM so the external-content FTS tables stay valid.
-- Dates keep the text as written plus sortable bounds [lo, hi) in seconds
-- since 1970 (UTC, proleptic Gregorian) and their precision.
-- References are deferred so that a dataset's records may come in any order
-- inside the import transaction.

CREATE TABLE datasets (
  id          TEXT PRIMARY KEY NOT NULL,
  title       TEXT NOT NULL,
  description TEXT,
  language    TEXT,
  license     TEXT,
  file        TEXT,
  imported_at INTEGER NOT NULL
);

-- Which datasets brought which record: a record stays while any dataset
-- that brought it remains.  kind: 1 source, 2 actor, 3 office, 4 topic,
-- 5 event, 6 statement.
CREATE TABLE provenance (
  kind       INTEGER NOT NULL,
  record_id  TEXT NOT NULL,
  dataset_id TEXT NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
  PRIMARY KEY (kind, record_id, dataset_id)
) WITHOUT ROWID;
CREATE INDEX provenance_by_dataset ON provenance (dataset_id, kind);

CREATE TABLE sources (
  pk                  INTEGER PRIMARY KEY,
  id                  TEXT NOT NULL UNIQUE,
  title               TEXT NOT NULL,
  publisher           TEXT,
  url                 TEXT,
  published           TEXT,
  published_lo        INTEGER,
  published_hi        INTEGER,
  published_precision INTEGER,
  accessed            TEXT,
  accessed_lo         INTEGER,
  accessed_hi         INTEGER,
  accessed_precision  INTEGER,
  language            TEXT,
  text                TEXT,
  hash                INTEGER NOT NULL
);

-- kind: 1 person, 2 country, 3 organization.
CREATE TABLE actors (
  pk          INTEGER PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE,
  kind        INTEGER NOT NULL,
  name        TEXT NOT NULL,
  country_id  TEXT REFERENCES actors (id) DEFERRABLE INITIALLY DEFERRED,
  description TEXT,
  hash        INTEGER NOT NULL
);
CREATE INDEX actors_by_country ON actors (country_id);

CREATE TABLE offices (
  pk              INTEGER PRIMARY KEY,
  id              TEXT NOT NULL UNIQUE,
  holder_id       TEXT NOT NULL REFERENCES actors (id) DEFERRABLE INITIALLY DEFERRED,
  title           TEXT NOT NULL,
  of_id           TEXT NOT NULL REFERENCES actors (id) DEFERRABLE INITIALLY DEFERRED,
  start           TEXT NOT NULL,
  start_lo        INTEGER NOT NULL,
  start_hi        INTEGER NOT NULL,
  start_precision INTEGER NOT NULL,
  "end"           TEXT,
  end_lo          INTEGER,
  end_hi          INTEGER,
  end_precision   INTEGER,
  hash            INTEGER NOT NULL
);
CREATE INDEX offices_by_holder ON offices (holder_id, start_lo);
CREATE INDEX offices_by_of ON offices (of_id, start_lo);

CREATE TABLE office_sources (
  office_id TEXT NOT NULL REFERENCES offices (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  source_id TEXT NOT NULL REFERENCES sources (id) DEFERRABLE INITIALLY DEFERRED,
  PRIMARY KEY (office_id, source_id)
) WITHOUT ROWID;
CREATE INDEX office_sources_by_source ON office_sources (source_id);

CREATE TABLE topics (
  pk          INTEGER PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE,
  label       TEXT NOT NULL,
  proposition TEXT NOT NULL,
  description TEXT,
  hash        INTEGER NOT NULL
);

CREATE TABLE events (
  pk              INTEGER PRIMARY KEY,
  id              TEXT NOT NULL UNIQUE,
  title           TEXT NOT NULL,
  description     TEXT,
  location        TEXT,
  start           TEXT NOT NULL,
  start_lo        INTEGER NOT NULL,
  start_hi        INTEGER NOT NULL,
  start_precision INTEGER NOT NULL,
  "end"           TEXT,
  end_lo          INTEGER,
  end_hi          INTEGER,
  end_precision   INTEGER,
  hash            INTEGER NOT NULL
);
CREATE INDEX events_by_start ON events (start_lo);

-- role: 1 chair, 2 host, 3 attendee, 4 speaker, 5 organizer.
CREATE TABLE event_participants (
  event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  actor_id TEXT NOT NULL REFERENCES actors (id) DEFERRABLE INITIALLY DEFERRED,
  role     INTEGER NOT NULL,
  PRIMARY KEY (event_id, actor_id, role)
) WITHOUT ROWID;
CREATE INDEX event_participants_by_actor ON event_participants (actor_id);

CREATE TABLE event_sources (
  event_id  TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  source_id TEXT NOT NULL REFERENCES sources (id) DEFERRABLE INITIALLY DEFERRED,
  PRIMARY KEY (event_id, source_id)
) WITHOUT ROWID;
CREATE INDEX event_sources_by_source ON event_sources (source_id);

-- stance: 1 support, 2 oppose, 3 neutral, 4 mixed, 5 unclear.
CREATE TABLE statements (
  pk             INTEGER PRIMARY KEY,
  id             TEXT NOT NULL UNIQUE,
  speaker_id     TEXT NOT NULL REFERENCES actors (id) DEFERRABLE INITIALLY DEFERRED,
  topic_id       TEXT NOT NULL REFERENCES topics (id) DEFERRABLE INITIALLY DEFERRED,
  stance         INTEGER NOT NULL,
  quantity       REAL,
  unit           TEXT,
  quote          TEXT,
  paraphrase     TEXT,
  said           TEXT NOT NULL,
  said_lo        INTEGER NOT NULL,
  said_hi        INTEGER NOT NULL,
  said_precision INTEGER NOT NULL,
  source_id      TEXT NOT NULL REFERENCES sources (id) DEFERRABLE INITIALLY DEFERRED,
  offset_start   INTEGER,
  offset_end     INTEGER,
  event_id       TEXT REFERENCES events (id) DEFERRABLE INITIALLY DEFERRED,
  hash           INTEGER NOT NULL
);
CREATE INDEX statements_by_said ON statements (said_lo);
CREATE INDEX statements_by_speaker ON statements (speaker_id, said_lo, topic_id, said_hi, stance);
CREATE INDEX statements_by_topic ON statements (topic_id, said_lo);
CREATE INDEX statements_by_source ON statements (source_id);
CREATE INDEX statements_by_event ON statements (event_id);

-- Full-text search.  The importer indexes the rows it adds in one statement
-- at the end of each import: a trigger per inserted row would make FTS5
-- flush its buffer at every statement, which made imports several times
-- slower.  Updates and deletions keep the index through triggers.
CREATE VIRTUAL TABLE statements_fts USING fts5 (
  quote, paraphrase,
  content = 'statements', content_rowid = 'pk',
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER statements_fts_delete AFTER DELETE ON statements BEGIN
  INSERT INTO statements_fts (statements_fts, rowid, quote, paraphrase)
    VALUES ('delete', old.pk, old.quote, old.paraphrase);
END;
CREATE TRIGGER statements_fts_update AFTER UPDATE OF quote, paraphrase ON statements BEGIN
  INSERT INTO statements_fts (statements_fts, rowid, quote, paraphrase)
    VALUES ('delete', old.pk, old.quote, old.paraphrase);
  INSERT INTO statements_fts (rowid, quote, paraphrase)
    VALUES (new.pk, new.quote, new.paraphrase);
END;

CREATE VIRTUAL TABLE events_fts USING fts5 (
  title, description,
  content = 'events', content_rowid = 'pk',
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN
  INSERT INTO events_fts (events_fts, rowid, title, description)
    VALUES ('delete', old.pk, old.title, old.description);
END;
CREATE TRIGGER events_fts_update AFTER UPDATE OF title, description ON events BEGIN
  INSERT INTO events_fts (events_fts, rowid, title, description)
    VALUES ('delete', old.pk, old.title, old.description);
  INSERT INTO events_fts (rowid, title, description)
    VALUES (new.pk, new.title, new.description);
END;

CREATE VIRTUAL TABLE sources_fts USING fts5 (
  title, text,
  content = 'sources', content_rowid = 'pk',
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER sources_fts_delete AFTER DELETE ON sources BEGIN
  INSERT INTO sources_fts (sources_fts, rowid, title, text)
    VALUES ('delete', old.pk, old.title, old.text);
END;
CREATE TRIGGER sources_fts_update AFTER UPDATE OF title, text ON sources BEGIN
  INSERT INTO sources_fts (sources_fts, rowid, title, text)
    VALUES ('delete', old.pk, old.title, old.text);
  INSERT INTO sources_fts (rowid, title, text)
    VALUES (new.pk, new.title, new.text);
END;
