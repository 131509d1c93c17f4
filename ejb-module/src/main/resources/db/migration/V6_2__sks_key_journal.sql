-- The write-ahead journal of HSM key changes (org.shakenpki.sks.KeyJournal). A PKCS#11 token takes no part in
-- a database transaction: a CREATE row is committed before a key is generated and deleted by the transaction
-- that keeps the key, so a row that outlives its transaction names a key nobody owns (its node died, or it
-- rolled back); a DESTROY row commits with the decision to delete a key and stays until the key is gone.
CREATE SEQUENCE sks_key_journal_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE sks_key_journal (
    id          BIGINT                   NOT NULL PRIMARY KEY,
    role        VARCHAR(20)              NOT NULL,
    alias       VARCHAR(200)             NOT NULL,
    operation   VARCHAR(10)              NOT NULL,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL
);
