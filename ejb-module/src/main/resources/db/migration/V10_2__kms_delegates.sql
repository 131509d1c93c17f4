-- SP-KMS delegate certificates (RFC 9060, ATIS-1000092): the delegate CA certificates the SP-KMS holds, one per
-- SPC, with the numbers the operator says the service provider may delegate, and the end-entity certificates it
-- issued under them to enterprises and resellers.
CREATE TABLE kms_delegate_ca (
    spc                 VARCHAR(32)              NOT NULL PRIMARY KEY,
    key_alias           VARCHAR(120)             NOT NULL,
    numbers             VARCHAR(4000)            NOT NULL,
    chain_pem           VARCHAR(16000)           NOT NULL,
    certificate_url     VARCHAR(1000),
    serial_hex          VARCHAR(64)              NOT NULL,
    not_after           TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE kms_delegate_certificate (
    serial_hex          VARCHAR(64)              NOT NULL PRIMARY KEY,
    delegate_spc        VARCHAR(32)              NOT NULL REFERENCES kms_delegate_ca (spc),
    holder              VARCHAR(200)             NOT NULL,
    tn_auth_list        VARCHAR(4000)            NOT NULL,
    chain_pem           VARCHAR(16000)           NOT NULL,
    certificate_url     VARCHAR(1000)            NOT NULL,
    not_after           TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at          TIMESTAMP WITH TIME ZONE,
    revocation_reason   VARCHAR(40),
    sti_pa_report       VARCHAR(1000),
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX kms_delegate_certificate_ca ON kms_delegate_certificate (delegate_spc);
