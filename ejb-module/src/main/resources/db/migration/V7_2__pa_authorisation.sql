-- STI-PA authorisation (org.shakenpki.pa.RevocationAuthority, LoginThrottle).

-- An STI_CA user revokes only certificates that validate to this one trust-list root (SHA-256 of its DER, hex).
ALTER TABLE pa_user ADD COLUMN ca_fingerprint VARCHAR(64);

-- A user whose password the STI-PA generated (32 random bytes, written to a file or shown once) cannot be
-- guessed, so it is never locked: an outsider's failed logins must not lock out the STI-CA, STI-VS, SP-KMS
-- or the first administrator. The first-start users all have generated passwords.
ALTER TABLE pa_user ADD COLUMN secret_generated BOOLEAN DEFAULT FALSE NOT NULL;
UPDATE pa_user SET secret_generated = TRUE WHERE user_id IN ('admin', 'local-sti-ca', 'local-sti-vs');

-- Failed logins per client source (an IPv4 address or an IPv6 /64): a source with too many is refused for a
-- while, whichever user it tries. Kept in the database so that every node of a cluster counts alike.
CREATE TABLE pa_login_source (
    source          VARCHAR(64)              NOT NULL PRIMARY KEY,
    failures        INTEGER                  NOT NULL,
    last_failure_at TIMESTAMP WITH TIME ZONE NOT NULL,
    blocked_until   TIMESTAMP WITH TIME ZONE
);
CREATE INDEX pa_login_source_last_failure ON pa_login_source (last_failure_at);
