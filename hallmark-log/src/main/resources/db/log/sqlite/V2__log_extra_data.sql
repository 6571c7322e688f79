-- Data kept beside a log entry but outside its Merkle leaf, keyed by leaf hash (RFC 6962 get-entries extra_data:
-- the certificate chain a CT entry was submitted with). Written before the entry is sequenced; a row whose entry
-- never made it into the log is harmless and never served.
CREATE TABLE log_extra_data (
    log_name  TEXT NOT NULL,
    leaf_hash BLOB NOT NULL,
    data      BLOB NOT NULL,
    PRIMARY KEY (log_name, leaf_hash)
);
