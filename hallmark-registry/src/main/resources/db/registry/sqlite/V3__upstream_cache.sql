-- Upstream proxy cache (hallmark.yaml registry.upstream). Only names with no local package are ever stored here.
-- Times are Unix milliseconds.
CREATE TABLE registry_upstream_packuments (
    name       TEXT    NOT NULL PRIMARY KEY,  -- full name, "@scope/name" or "name"
    body       BLOB    NOT NULL,              -- the upstream's full packument, exactly as received
    digest     TEXT    NOT NULL,              -- hex SHA-256 of body; our ETag for the proxied document
    etag       TEXT,                          -- the upstream's ETag, sent back as If-None-Match
    fetched_at INTEGER NOT NULL,              -- when body was received
    checked_at INTEGER NOT NULL               -- when the upstream last confirmed it (200 or 304)
);

-- Tarballs read through, verified against the version's dist before they were stored in the blob store.
CREATE TABLE registry_upstream_tarballs (
    name       TEXT    NOT NULL,
    file       TEXT    NOT NULL,              -- "name-1.0.0.tgz", as this registry serves it
    expected   TEXT    NOT NULL,              -- the dist digests the bytes were verified against
    blob_key   TEXT    NOT NULL,
    fetched_at INTEGER NOT NULL,
    PRIMARY KEY (name, file)
);
