-- Hallmark log engine, PostgreSQL dialect. Several logs (and several nodes) share one database, keyed by log_name.
CREATE TABLE log_state (
    log_name       TEXT   NOT NULL PRIMARY KEY,
    next_index     BIGINT NOT NULL,           -- entries sequenced so far; the row is the sequencing lock
    published_size BIGINT NOT NULL,           -- -1 until the first checkpoint is published
    root_hash      BYTEA,
    checkpoint     TEXT
);

CREATE TABLE log_entries (
    log_name        TEXT   NOT NULL,
    idx             BIGINT NOT NULL,
    leaf_hash       BYTEA  NOT NULL,
    data            BYTEA  NOT NULL,
    integrated_time BIGINT NOT NULL,          -- Unix seconds
    PRIMARY KEY (log_name, idx)
);

-- the persistent dedup index: one copy per leaf
CREATE UNIQUE INDEX log_entries_leaf ON log_entries (log_name, leaf_hash);

CREATE TABLE log_tiles (
    log_name   TEXT    NOT NULL,
    tile_level INTEGER NOT NULL,              -- -1 for entry bundles
    tile_index BIGINT  NOT NULL,
    width      INTEGER NOT NULL,
    data       BYTEA   NOT NULL,
    PRIMARY KEY (log_name, tile_level, tile_index)
);
