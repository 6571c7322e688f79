-- Hallmark npm registry, PostgreSQL dialect. Times are Unix milliseconds.
CREATE TABLE registry_packages (
    name           TEXT    NOT NULL PRIMARY KEY,  -- full name, "@scope/name" or "name"
    rev            BIGINT  NOT NULL,              -- bumped by every change; the packument's _rev and ETag
    created_at     BIGINT  NOT NULL,
    modified_at    BIGINT  NOT NULL,
    unpublished_at BIGINT                         -- set when the whole package was unpublished
);

-- Every version ever published stays here: an unpublished version keeps its row, so it can never be reused.
CREATE TABLE registry_versions (
    name           TEXT    NOT NULL,
    version        TEXT    NOT NULL,
    manifest       TEXT    NOT NULL,              -- the version document as published, without "dist"
    integrity      TEXT    NOT NULL,              -- sha512 SRI
    shasum         TEXT    NOT NULL,              -- sha1 hex
    tarball_file   TEXT    NOT NULL,              -- "name-1.0.0.tgz"
    blob_key       TEXT    NOT NULL,
    file_count     BIGINT  NOT NULL,
    unpacked_size  BIGINT  NOT NULL,
    published_at   BIGINT  NOT NULL,
    publisher      TEXT    NOT NULL,
    deprecated     TEXT,
    unpublished_at BIGINT ,
    PRIMARY KEY (name, version)
);
CREATE UNIQUE INDEX registry_versions_file ON registry_versions (name, tarball_file);

CREATE TABLE registry_dist_tags (
    name    TEXT NOT NULL,
    tag     TEXT NOT NULL,
    version TEXT NOT NULL,
    PRIMARY KEY (name, tag)
);

CREATE TABLE registry_maintainers (
    name     TEXT NOT NULL,
    username TEXT NOT NULL,
    PRIMARY KEY (name, username)
);

-- who may create packages in a scope: its first publisher, and "@<user>" for that user
CREATE TABLE registry_scope_members (
    scope    TEXT NOT NULL,
    username TEXT NOT NULL,
    PRIMARY KEY (scope, username)
);

CREATE TABLE registry_users (
    username      TEXT    NOT NULL PRIMARY KEY,
    email         TEXT    NOT NULL,
    password_hash TEXT    NOT NULL,            -- PHC string, argon2id
    created_at    BIGINT  NOT NULL
);

CREATE TABLE registry_tokens (
    token_key   TEXT    NOT NULL PRIMARY KEY,  -- public id (npm token list "key")
    token_hash  TEXT    NOT NULL,              -- hex SHA-256 of the secret; the secret itself is never stored
    username    TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    prefix      TEXT    NOT NULL,              -- the first characters, shown masked
    readonly    BOOLEAN NOT NULL,
    package     TEXT,                          -- publish rights limited to this package (trusted publishing)
    cidr        TEXT    NOT NULL,              -- JSON array
    created_at  BIGINT  NOT NULL,
    expires_at  BIGINT 
);
CREATE UNIQUE INDEX registry_tokens_hash ON registry_tokens (token_hash);
CREATE INDEX registry_tokens_user ON registry_tokens (username);
