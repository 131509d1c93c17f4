-- The External Account Binding key id (RFC 8555 section 7.3.4) the SP-KMS's ACME account was registered with;
-- null: none. An account is bound only at newAccount, so a changed key id means a new account.
ALTER TABLE kms_acme_account ADD COLUMN eab_kid VARCHAR(200);
