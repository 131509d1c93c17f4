-- The hash chain over the audit log (org.shakenpki.audit, see its package documentation). Records are inserted
-- unsealed (chain_seq and chain_hash NULL) by the business transactions; the sealer later gives each committed
-- record the next chain position and the SHA-256 chain hash, under the lock of the single chain-head row.
-- Rows written by earlier versions are unsealed here and sealed by the sealer like any new record.

ALTER TABLE audit_log ADD COLUMN chain_seq BIGINT;
ALTER TABLE audit_log ADD COLUMN chain_hash VARCHAR(64);

-- The backstop if two sealers ever assigned the same position: the second transaction fails and rolls back.
CREATE UNIQUE INDEX audit_log_chain_seq ON audit_log (chain_seq);

-- A record is either unsealed, or sealed at a positive position with a hash: never half of it.
ALTER TABLE audit_log ADD CONSTRAINT audit_log_sealed_whole CHECK (
    (chain_seq IS NULL AND chain_hash IS NULL)
    OR (chain_seq IS NOT NULL AND chain_seq > 0 AND chain_hash IS NOT NULL AND CHAR_LENGTH(chain_hash) = 64));

-- The chain head: the last sealed position and its hash. Exactly one row, locked by every sealer.
CREATE TABLE audit_chain_head (
    id          INTEGER                  NOT NULL PRIMARY KEY,
    seq         BIGINT                   NOT NULL,
    hash        VARCHAR(64)              NOT NULL,
    sealed_at   TIMESTAMP WITH TIME ZONE,
    CONSTRAINT audit_chain_head_single CHECK (id = 1),
    CONSTRAINT audit_chain_head_seq CHECK (seq >= 0)
);
INSERT INTO audit_chain_head (id, seq, hash, sealed_at)
    VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000', NULL);
