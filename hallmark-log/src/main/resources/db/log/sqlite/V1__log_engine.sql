-- Hallmark log engine, SQLite dialect. Several logs share one database, keyed by log_name.
CREATE TABLE log_state (
    log_name       TEXT    NOT NULL PRIMARY KEY,
    next_index     INTEGER NOT NULL,          -- entries sequenced so far
    published_size INTEGER NOT NULL,          -- -1 until the first checkpoint is published
    root_hash      BLOB,
    checkpoint     TEXT
);

CREATE TABLE log_entries (
    log_name        TEXT    NOT NULL,
    idx             INTEGER NOT NULL,
    leaf_hash       BLOB    NOT NULL,
    data            BLOB    NOT NULL,
    integrated_time INTEGER NOT NULL,         -- Unix seconds
    PRIMARY KEY (log_name, idx)
);

-- the persistent dedup index: one copy per leaf
CREATE UNIQUE INDEX log_entries_leaf ON log_entries (log_name, leaf_hash);

CREATE TABLE log_tiles (
    log_name   TEXT    NOT NULL,
    tile_level INTEGER NOT NULL,              -- -1 for entry bundles
    tile_index INTEGER NOT NULL,
    width      INTEGER NOT NULL,
    data       BLOB    NOT NULL,
    PRIMARY KEY (log_name, tile_level, tile_index)
);
