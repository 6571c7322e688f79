-- dist.signatures of each version, made once at publish (ECDSA signatures are randomised): a JSON array of
-- {"keyid": "SHA256:…", "sig": "<base64 DER>"}; and the predicate type of its provenance, when it has one.
ALTER TABLE registry_versions ADD COLUMN signatures TEXT;
ALTER TABLE registry_versions ADD COLUMN provenance_type TEXT;

-- The attestations served at /-/npm/v1/attestations/<name>@<version>: Sigstore bundles as JSON text, written in the
-- publish transaction, never changed.
CREATE TABLE registry_attestations (
    name           TEXT NOT NULL,
    version        TEXT NOT NULL,
    predicate_type TEXT NOT NULL,
    bundle         TEXT NOT NULL,
    PRIMARY KEY (name, version, predicate_type)
);

-- Trusted publishers (npm.md §11.4): which CI identity may exchange its OIDC token for a short-lived publish token of
-- one package. claims is the JSON object npm sends; created_by is the maintainer who configured it, on whose behalf
-- the exchanged token publishes.
CREATE TABLE registry_trusted_publishers (
    id         TEXT NOT NULL PRIMARY KEY,
    name       TEXT NOT NULL,
    type       TEXT NOT NULL,
    claims     TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX registry_trusted_publishers_name ON registry_trusted_publishers (name); -- one per package
