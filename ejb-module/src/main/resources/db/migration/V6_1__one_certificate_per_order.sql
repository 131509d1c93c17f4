-- RFC 8555 section 7.4: an order yields one certificate. Finalize locks the order row; this is the backstop
-- that keeps two nodes finalising the same order at once from both issuing.
CREATE UNIQUE INDEX ca_certificate_order ON ca_certificate (order_id);
