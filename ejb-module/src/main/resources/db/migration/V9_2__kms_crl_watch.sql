-- SP-KMS CRL watch: the serial of the current certificate once the STI-PA CRL lists it, and when that was seen.
-- The credential is then replaced with a fresh key; the marker stops it being used and being acted on twice.
ALTER TABLE kms_credential ADD COLUMN revoked_serial_hex VARCHAR(64);
ALTER TABLE kms_credential ADD COLUMN revoked_on_crl_at TIMESTAMP WITH TIME ZONE;
