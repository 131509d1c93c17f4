-- SP-KMS: the JWT Claim Constraints (RFC 8226 section 8, RFC 9118 section 3) a credential's CSRs request, as
-- "8226:" or "9118:" followed by the base64 of the extension's DER; null for none.
ALTER TABLE kms_credential ADD COLUMN claim_constraints VARCHAR(4000);
