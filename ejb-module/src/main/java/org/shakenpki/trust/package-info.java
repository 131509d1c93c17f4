/**
 * The trust kernel: the one place where this application decides whether a certificate chain it was handed is
 * to be believed. {@link org.shakenpki.trust.PathValidator} is the RFC 5280 section 6 path validator every role
 * uses (the STI-VS for PASSporT signers, the STI-CA for SPC-token signers, the STI-PA for certificates to
 * revoke, every role for CRL and trust-list signers); its {@link org.shakenpki.trust.ValidatedPath} is the only
 * source of the key, TNAuthList, cRLIssuer and subject a caller may act on. Delegate chains are checked for
 * TNAuthList containment (RFC 9060) by {@link org.shakenpki.trust.TnAuthScope}.
 *
 * <p>Nothing here does I/O: the chain and the anchors come from the caller, so the same checks run on fetched,
 * submitted and stored certificates alike. docs/security.md says which attack each check defends against.
 *
 * <p>May depend on: {@code pkix} and the JDK; no I/O, no CDI.
 */
package org.shakenpki.trust;
