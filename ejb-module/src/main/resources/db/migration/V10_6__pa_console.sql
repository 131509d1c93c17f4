-- The operator's console (docs/console.md): SPC requests and the optional second factor.

-- SPC requests from the service-provider portal (org.shakenpki.pa.SpcRequests): a provider's administrator asks
-- for an additional SPC for its account; an STI-PA administrator approves it (the SPC joins the account, as
-- AccountAdministration.addSpc) or rejects it. Rows are never deleted, so the audit trail keeps its subjects.
CREATE TABLE pa_spc_request (
    id             BIGINT                   NOT NULL PRIMARY KEY,
    account_id     VARCHAR(64)              NOT NULL REFERENCES pa_account (account_id),
    spc            VARCHAR(32)              NOT NULL,
    reason         VARCHAR(500)             NOT NULL,
    state          VARCHAR(20)              NOT NULL,
    requested_by   VARCHAR(100)             NOT NULL,
    requested_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    decided_by     VARCHAR(100),
    decided_at     TIMESTAMP WITH TIME ZONE,
    decision_note  VARCHAR(500)
);
CREATE INDEX pa_spc_request_account ON pa_spc_request (account_id);
CREATE INDEX pa_spc_request_state ON pa_spc_request (state);

-- An optional second factor for console users (RFC 6238 TOTP, org.shakenpki.pa.Totp): the base32 secret, and the
-- last time step accepted, so that a code is used once. A user with a secret logs in only with a code.
ALTER TABLE pa_user ADD COLUMN totp_secret VARCHAR(64);
ALTER TABLE pa_user ADD COLUMN totp_last_step BIGINT DEFAULT 0 NOT NULL;
