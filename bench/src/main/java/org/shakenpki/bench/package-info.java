/**
 * The load driver behind {@code ./shaken-pki bench} (a client only, never deployed): it measures the STI-AS
 * signing and STI-VS verification interfaces (ATIS-1000082) and ACME issuance (RFC 8555 with tkauth-01, RFC 9447
 * and RFC 9448) of a running server beside independent peers in the same run (secsipidx, Pebble), with wrk and an
 * open-loop generator of its own for latency at a fixed offered load, and the raw HSM and ECDSA rates with JMH.
 */
package org.shakenpki.bench;
