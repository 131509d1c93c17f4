-- SP-KMS (org.shakenpki.kms): the service provider's managed SHAKEN credentials, one per SPC, their
-- history, the ACME accounts the KMS holds at STI-CAs, and the outbox of signing-service notifications.

CREATE SEQUENCE kms_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE kms_credential (
    id                  BIGINT                   NOT NULL PRIMARY KEY,
    spc                 VARCHAR(32)              NOT NULL UNIQUE,
    state               VARCHAR(20)              NOT NULL,
    key_alias           VARCHAR(120),
    pending_key_alias   VARCHAR(120),
    chain_pem           VARCHAR(16000),
    certificate_url     VARCHAR(1000),
    serial_hex          VARCHAR(64),
    not_before          TIMESTAMP WITH TIME ZONE,
    not_after           TIMESTAMP WITH TIME ZONE,
    acme_directory      VARCHAR(1000)            NOT NULL,
    fingerprint_form    VARCHAR(20)              NOT NULL,
    response_key        VARCHAR(20)              NOT NULL,
    renew_at            TIMESTAMP WITH TIME ZONE,
    next_attempt_at     TIMESTAMP WITH TIME ZONE,
    attempts            INTEGER                  NOT NULL,
    last_error          VARCHAR(4000),
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    version             BIGINT                   NOT NULL
);

-- Certificates a credential had before; their keys are destroyed once the grace period has passed.
CREATE TABLE kms_history (
    id                  BIGINT                   NOT NULL PRIMARY KEY,
    credential_id       BIGINT                   NOT NULL REFERENCES kms_credential (id),
    key_alias           VARCHAR(120)             NOT NULL,
    serial_hex          VARCHAR(64),
    not_after           TIMESTAMP WITH TIME ZONE,
    replaced_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    destroy_key_after   TIMESTAMP WITH TIME ZONE NOT NULL,
    key_destroyed       BOOLEAN                  NOT NULL
);
CREATE INDEX kms_history_credential ON kms_history (credential_id);

CREATE TABLE kms_acme_account (
    directory_url       VARCHAR(1000)            NOT NULL PRIMARY KEY,
    key_alias           VARCHAR(120)             NOT NULL,
    account_url         VARCHAR(1000)            NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE kms_notification (
    id                  BIGINT                   NOT NULL PRIMARY KEY,
    credential_id       BIGINT                   NOT NULL REFERENCES kms_credential (id),
    payload             VARCHAR(16000)           NOT NULL,
    attempts            INTEGER                  NOT NULL,
    next_attempt_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    delivered_at        TIMESTAMP WITH TIME ZONE,
    last_error          VARCHAR(2000)
);
