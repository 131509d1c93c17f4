-- STI-CA subscribers (org.shakenpki.ca.CaSubscriber): the service providers the STI-CA has vetted, with the
-- subject attributes it verified (ATIS-1000080 section 6.4.1: the optional DN attributes are claims about the
-- provider), and the External Account Binding keys (RFC 8555 section 7.3.4) that bind ACME accounts to them.
CREATE TABLE ca_subscriber (
    id          VARCHAR(40)              NOT NULL PRIMARY KEY,
    legal_name  VARCHAR(200)             NOT NULL,
    subject_o   VARCHAR(64)              NOT NULL,
    subject_c   VARCHAR(2),
    subject_st  VARCHAR(128),
    subject_l   VARCHAR(128),
    subject_ou  VARCHAR(64),
    spcs        VARCHAR(1000)            NOT NULL,
    contact     VARCHAR(320)             NOT NULL,
    state       VARCHAR(20)              NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One EAB key per row. The HMAC key itself is a non-extractable secret key eab-<kid> on the ca HSM token, shown
-- once at creation. bound_account is the one ACME account it may bind.
CREATE TABLE ca_eab_key (
    kid           VARCHAR(40)              NOT NULL PRIMARY KEY,
    subscriber_id VARCHAR(40)              NOT NULL REFERENCES ca_subscriber (id),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    bound_account VARCHAR(40),
    bound_at      TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ca_eab_key_subscriber ON ca_eab_key (subscriber_id);

ALTER TABLE acme_account ADD COLUMN subscriber_id VARCHAR(40);
ALTER TABLE acme_account ADD CONSTRAINT acme_account_subscriber FOREIGN KEY (subscriber_id) REFERENCES ca_subscriber (id);
