/**
 * The STI-CA (ATIS-1000080 section 5.3.2, 6.3.3): an ACME server (RFC 8555) for the {@code TNAuthList}
 * identifier and the {@code tkauth-01} challenge (RFC 9447, RFC 9448) that issues SHAKEN certificates
 * (ATIS-1000080 v005 section 6.4.1) from keys on the {@code ca} HSM token.
 *
 * <p>One stateless bean per ACME resource family ({@link org.shakenpki.ca.AccountService},
 * {@link org.shakenpki.ca.OrderService}, {@link org.shakenpki.ca.AuthorizationService},
 * {@link org.shakenpki.ca.CertificateService}); each first authenticates the request through
 * {@link org.shakenpki.ca.AcmeGate} (JWS, url, key, nonce), then acts and writes an audit record in the same
 * transaction. ACME Renewal Information (RFC 9773) is {@link org.shakenpki.ca.RenewalInfoService} (unauthenticated
 * GET, {@code replaces}) and {@link org.shakenpki.ca.RenewalWindows} (the operator's pull-forward); the ACME profiles
 * (draft-ietf-acme-profiles) are the one registry {@link org.shakenpki.ca.AcmeProfiles}. The checks that decide issuance are plain classes with unit tests:
 * {@link org.shakenpki.ca.AcmeJws}, {@link org.shakenpki.ca.TkAuthValidator}, {@link org.shakenpki.ca.CsrCheck}
 * and, in {@code pkix}, the profile lint that runs before the HSM signs. The web tier gets views
 * ({@link org.shakenpki.ca.Views}), never entities. Departures from the RFCs are in docs/interop.md.
 *
 * <p>May depend on: the shared kernels ({@code audit}, {@code config}, {@code cr}, {@code json}, {@code net},
 * {@code pkix}, {@code problem}, {@code sks}, {@code stipa}, {@code trust}); it implements the STI-PA's port
 * {@link org.shakenpki.pa.LocalStiCaRoot} and otherwise reaches the STI-PA only over HTTP.
 */
package org.shakenpki.ca;
