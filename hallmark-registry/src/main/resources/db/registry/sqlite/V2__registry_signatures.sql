-- dist.signatures of each version, made once at publish (ECDSA signatures are randomised): a JSON array of
-- {"keyid": "SHA256:…", "sig": "<base64 DER>"}.
ALTER TABLE registry_versions ADD COLUMN signatures TEXT;
