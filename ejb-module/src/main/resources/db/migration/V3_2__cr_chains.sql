-- STI-CR: certificate chains served by URL (org.shakenpki.cr).
CREATE TABLE cr_chain (
    name       VARCHAR(80)              NOT NULL PRIMARY KEY,
    chain_pem  VARCHAR(16000)           NOT NULL,
    etag       VARCHAR(80)              NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
