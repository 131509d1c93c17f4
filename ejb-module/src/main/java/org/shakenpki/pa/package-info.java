/**
 * The STI-PA (ATIS-1000080 sections 5.1 and 5.3, API in the shape of the deployed US STI-PA): service-provider
 * accounts, their SPCs and API users, logins, SPC tokens (RFC 9447, RFC 9448 section 5), the signed trust list
 * of approved STI-CAs, revocation onto the indirect CRL, and the keys for all of it on the {@code pa} HSM token.
 *
 * <p>Every administrative and revocation operation takes the caller ({@link org.shakenpki.pa.PaPrincipal}) and
 * follows authorise, act, audit ({@link org.shakenpki.pa.PaAuthorization}); the web tier only establishes who is
 * calling. Certificates sent for revocation are validated by the trust kernel ({@code trust}).
 *
 * <p>May depend on: the shared kernels ({@code audit}, {@code config}, {@code jose}, {@code pkix}, {@code problem},
 * {@code sks}, {@code trust}). The STI-CA deployed beside it is reached through the port
 * {@link org.shakenpki.pa.LocalStiCaRoot}, which the STI-CA implements.
 */
package org.shakenpki.pa;
