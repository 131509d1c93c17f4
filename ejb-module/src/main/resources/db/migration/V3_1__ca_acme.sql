-- STI-CA: the ACME server state (org.shakenpki.ca). Ids are random, unguessable strings: they appear in URLs.

-- Nonces live in the database so that every node of a cluster accepts every node's nonces (RFC 8555 6.5).
CREATE TABLE acme_nonce (
    nonce_value VARCHAR(64)              NOT NULL PRIMARY KEY,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX acme_nonce_expires ON acme_nonce (expires_at);

CREATE TABLE acme_account (
    id             VARCHAR(40)              NOT NULL PRIMARY KEY,
    key_thumbprint VARCHAR(64)              NOT NULL,
    jwk            VARCHAR(4000)            NOT NULL,
    status         VARCHAR(20)              NOT NULL,
    contact        VARCHAR(2000)            NOT NULL,
    tos_agreed     BOOLEAN                  NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT acme_account_key UNIQUE (key_thumbprint)
);

CREATE TABLE acme_order (
    id             VARCHAR(40)              NOT NULL PRIMARY KEY,
    account_id     VARCHAR(40)              NOT NULL REFERENCES acme_account (id),
    status         VARCHAR(20)              NOT NULL,
    identifier     VARCHAR(2000)            NOT NULL,
    not_before     TIMESTAMP WITH TIME ZONE,
    not_after      TIMESTAMP WITH TIME ZONE,
    expires_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    error_type     VARCHAR(100),
    error_detail   VARCHAR(1000),
    certificate_id VARCHAR(40),
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX acme_order_account ON acme_order (account_id);

-- One authorization per order (an order has one TNAuthList identifier) with its one tkauth-01 challenge.
CREATE TABLE acme_authorization (
    id               VARCHAR(40)              NOT NULL PRIMARY KEY,
    order_id         VARCHAR(40)              NOT NULL REFERENCES acme_order (id),
    account_id       VARCHAR(40)              NOT NULL REFERENCES acme_account (id),
    identifier       VARCHAR(2000)            NOT NULL,
    status           VARCHAR(20)              NOT NULL,
    expires_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    challenge_id     VARCHAR(40)              NOT NULL,
    challenge_token  VARCHAR(64)              NOT NULL,
    challenge_status VARCHAR(20)              NOT NULL,
    validated_at     TIMESTAMP WITH TIME ZONE,
    error_type       VARCHAR(100),
    error_detail     VARCHAR(1000),
    token_ca         BOOLEAN                  NOT NULL,
    token_jti        VARCHAR(200),
    CONSTRAINT acme_authorization_challenge UNIQUE (challenge_id)
);
CREATE INDEX acme_authorization_order ON acme_authorization (order_id);

-- The CA hierarchy: the first node to insert a row owns the keys; a loser discards the keys it made.
CREATE TABLE ca_key (
    name            VARCHAR(20)              NOT NULL PRIMARY KEY,
    key_alias       VARCHAR(100)             NOT NULL,
    certificate_pem VARCHAR(8000)            NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE ca_certificate (
    id                VARCHAR(40)              NOT NULL PRIMARY KEY,
    serial_hex        VARCHAR(64)              NOT NULL,
    account_id        VARCHAR(40)              NOT NULL REFERENCES acme_account (id),
    order_id          VARCHAR(40)              NOT NULL REFERENCES acme_order (id),
    certificate_pem   VARCHAR(8000)            NOT NULL,
    chain_name        VARCHAR(80)              NOT NULL,
    not_before        TIMESTAMP WITH TIME ZONE NOT NULL,
    not_after         TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at        TIMESTAMP WITH TIME ZONE,
    revocation_reason INTEGER,
    CONSTRAINT ca_certificate_serial UNIQUE (serial_hex)
);

-- Revocations to report to the STI-PA: a row stays until the STI-PA has accepted it.
CREATE TABLE ca_revocation_report (
    id              VARCHAR(40)              NOT NULL PRIMARY KEY,
    certificate_id  VARCHAR(40)              NOT NULL REFERENCES ca_certificate (id),
    certificate_pem VARCHAR(8000)            NOT NULL,
    reason          VARCHAR(40)              NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    attempts        INTEGER                  NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    delivered_at    TIMESTAMP WITH TIME ZONE,
    last_error      VARCHAR(1000)
);
CREATE INDEX ca_revocation_report_pending ON ca_revocation_report (delivered_at, next_attempt_at);
