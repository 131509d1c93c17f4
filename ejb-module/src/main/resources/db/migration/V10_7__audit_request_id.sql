-- The correlation id of the request that wrote an audit record (X-Request-Id, org.shakenpki.requestid); null for
-- records written by timers and for those written before this column. Not part of the chain hash: it correlates
-- records with log lines and is not evidence of what happened.
ALTER TABLE audit_log ADD COLUMN request_id VARCHAR(64);
