-- STI-AS API keys (org.shakenpki.stir.ApiKey): who may ask the STI-AS to sign, for which SPCs, and up to which
-- attestation (RFC 8588 section 4). Only the SHA-256 of each secret is kept; the secret is shown once, at creation.
CREATE SEQUENCE sti_as_api_key_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE sti_as_api_key (
    id            BIGINT                   NOT NULL PRIMARY KEY,
    name          VARCHAR(100)             NOT NULL,
    secret_sha256 VARCHAR(64)              NOT NULL UNIQUE,
    spcs          VARCHAR(1000)            NOT NULL,
    max_attest    VARCHAR(1)               NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked       BOOLEAN                  NOT NULL,
    revoked_at    TIMESTAMP WITH TIME ZONE
);
