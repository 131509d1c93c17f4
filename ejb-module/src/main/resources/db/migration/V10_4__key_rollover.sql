-- Key rollover (org.shakenpki.pa.PaKeyRollover): pa_certificate keeps the signer in use for each purpose; this
-- table holds the other generations of the STI-PA's signers, each still served at its download URL: the one
-- staged for the next activation (state NEXT, id '<purpose>:next', so at most one per purpose) and the ones it
-- replaced (state RETIRED, id '<purpose>:<serial hex>'), whose tokens and CRLs stay verifiable until they expire.
CREATE TABLE pa_certificate_generation (
    id          VARCHAR(100)             NOT NULL PRIMARY KEY,
    purpose     VARCHAR(20)              NOT NULL,
    state       VARCHAR(10)              NOT NULL,
    key_alias   VARCHAR(100)             NOT NULL,
    der         BYTEA                    NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    changed_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX pa_certificate_generation_purpose ON pa_certificate_generation (purpose);
