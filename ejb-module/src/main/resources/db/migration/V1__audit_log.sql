-- The append-only audit log (org.shakenpki.audit.AuditLog).
CREATE SEQUENCE audit_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE audit_log (
    id          BIGINT                   NOT NULL PRIMARY KEY,
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
    actor       VARCHAR(200)             NOT NULL,
    action      VARCHAR(100)             NOT NULL,
    subject     VARCHAR(500)             NOT NULL,
    outcome     VARCHAR(20)              NOT NULL,
    detail      VARCHAR(2000)            NOT NULL
);

CREATE INDEX audit_log_subject ON audit_log (subject);
