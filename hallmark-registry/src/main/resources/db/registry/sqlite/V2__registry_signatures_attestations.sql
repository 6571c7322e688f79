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
