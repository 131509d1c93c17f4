-- STI-PA (org.shakenpki.pa): service-provider accounts and their SPCs, users and sessions, the STI-PA's own
-- certificates, the STI-CA trust list and the revocations behind the STI-PA CRL.

CREATE SEQUENCE pa_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE pa_account (
    account_id  VARCHAR(64)              NOT NULL PRIMARY KEY,
    name        VARCHAR(200)             NOT NULL,
    active      BOOLEAN                  NOT NULL,
    ca_allowed  BOOLEAN                  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- An SPC belongs to exactly one account (ATIS-1000080 section 5.1: the STI-PA knows which SP holds which SPC).
CREATE TABLE pa_spc (
    spc         VARCHAR(32)              NOT NULL PRIMARY KEY,
    account_id  VARCHAR(64)              NOT NULL REFERENCES pa_account (account_id),
    active      BOOLEAN                  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX pa_spc_account ON pa_spc (account_id);

CREATE TABLE pa_user (
    user_id         VARCHAR(100)             NOT NULL PRIMARY KEY,
    role            VARCHAR(20)              NOT NULL,
    account_id      VARCHAR(64)              REFERENCES pa_account (account_id),
    password_hash   VARCHAR(200)             NOT NULL,
    active          BOOLEAN                  NOT NULL,
    failed_logins   INTEGER                  NOT NULL,
    locked_until    TIMESTAMP WITH TIME ZONE,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Access and refresh tokens are stored as SHA-256 hashes: a database dump does not log anyone in.
CREATE TABLE pa_session (
    id                  BIGINT                   NOT NULL PRIMARY KEY,
    user_id             VARCHAR(100)             NOT NULL REFERENCES pa_user (user_id),
    access_hash         VARCHAR(64)              NOT NULL UNIQUE,
    refresh_hash        VARCHAR(64)              NOT NULL UNIQUE,
    access_expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    refresh_expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked             BOOLEAN                  NOT NULL
);

-- The STI-PA root, SPC-token signer and CRL signer: certificate here, private key on the pa token.
CREATE TABLE pa_certificate (
    purpose     VARCHAR(20)              NOT NULL PRIMARY KEY,
    key_alias   VARCHAR(100)             NOT NULL,
    der         BYTEA                    NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE pa_trust_anchor (
    fingerprint VARCHAR(64)              NOT NULL PRIMARY KEY,
    subject     VARCHAR(500)             NOT NULL,
    der         BYTEA                    NOT NULL,
    added_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Monotonic counters: trust-list sequence, CRL number. Updated under a row lock.
CREATE TABLE pa_counter (
    name        VARCHAR(40)              NOT NULL PRIMARY KEY,
    counter     BIGINT                   NOT NULL
);
INSERT INTO pa_counter (name, counter) VALUES ('trust-list-sequence', 0);
INSERT INTO pa_counter (name, counter) VALUES ('crl-number', 0);

-- Revoked SHAKEN certificates of every STI-CA: the entries of the indirect STI-PA CRL.
CREATE TABLE pa_revocation (
    id              BIGINT                   NOT NULL PRIMARY KEY,
    issuer_der      BYTEA                    NOT NULL,
    issuer_name     VARCHAR(500)             NOT NULL,
    serial_hex      VARCHAR(64)              NOT NULL,
    reason          INTEGER                  NOT NULL,
    revoked_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    requested_by    VARCHAR(100)             NOT NULL,
    CONSTRAINT pa_revocation_unique UNIQUE (issuer_name, serial_hex)
);

-- The CRL as last published; re-issued on every change and before nextUpdate.
CREATE TABLE pa_crl (
    crl_number  BIGINT                   NOT NULL PRIMARY KEY,
    der         BYTEA                    NOT NULL,
    this_update TIMESTAMP WITH TIME ZONE NOT NULL,
    next_update TIMESTAMP WITH TIME ZONE NOT NULL
);
