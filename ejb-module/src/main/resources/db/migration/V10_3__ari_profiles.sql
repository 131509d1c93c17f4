-- ACME Renewal Information (RFC 9773) and ACME profiles (draft-ietf-acme-profiles) at the STI-CA, and their use by
-- the SP-KMS.

-- An order's profile (requested, or the one it was issued under) and the certificate it replaces (RFC 9773
-- section 5: the certID as the client sent it, and the certificate it names).
ALTER TABLE acme_order ADD COLUMN profile VARCHAR(64);
ALTER TABLE acme_order ADD COLUMN replaces VARCHAR(200);
ALTER TABLE acme_order ADD COLUMN replaces_certificate_id VARCHAR(40);
CREATE INDEX acme_order_replaces ON acme_order (replaces_certificate_id);

-- A renewal window the operator pulled forward (null: the default rule) and the page that explains why.
ALTER TABLE ca_certificate ADD COLUMN ari_window_start TIMESTAMP WITH TIME ZONE;
ALTER TABLE ca_certificate ADD COLUMN ari_window_end TIMESTAMP WITH TIME ZONE;
ALTER TABLE ca_certificate ADD COLUMN ari_explanation_url VARCHAR(1000);

-- SP-KMS: the profile a credential is ordered under, and the STI-CA's last suggested window for its certificate.
ALTER TABLE kms_credential ADD COLUMN profile VARCHAR(64);
ALTER TABLE kms_credential ADD COLUMN ari_window_start TIMESTAMP WITH TIME ZONE;
ALTER TABLE kms_credential ADD COLUMN ari_window_end TIMESTAMP WITH TIME ZONE;
ALTER TABLE kms_credential ADD COLUMN ari_next_check_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE kms_credential ADD COLUMN ari_explanation_url VARCHAR(1000);
-- an operator's renewal time (kms renew --at), which the STI-CA's window does not move unless it has passed
ALTER TABLE kms_credential ADD COLUMN renew_at_pinned BOOLEAN DEFAULT FALSE NOT NULL;
