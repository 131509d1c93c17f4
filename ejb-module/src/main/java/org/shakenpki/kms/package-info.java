/**
 * The SP-KMS (ATIS-1000080 sections 5.2 and 6.3.4): the service provider's credentials. For each SPC it
 * generates the key on the {@code kms} HSM token, obtains an SPC token from the STI-PA (RFC 9447), orders the
 * certificate from an STI-CA with acme4j and answers {@code tkauth-01} (RFC 9448), downloads the chain, renews
 * before expiry (inside the STI-CA's ACME Renewal Information window where it offers one, RFC 9773, naming the
 * replaced certificate), replaces at once what the STI-PA CRL lists or the STI-CA's window asks for, retires old keys
 * after a grace period, revokes, and notifies the signing service. As a subordinate CA for telephone numbers
 * (RFC 9060, ATIS-1000092; {@code Delegate*}) it holds delegate CA keys on the {@code kms-delegate} token and
 * issues, publishes and revokes end-entity delegate certificates.
 *
 * <p>May depend on: the shared kernels ({@code audit}, {@code config}, {@code net}, {@code pkix}, {@code problem},
 * {@code sks}, {@code stipa}, {@code trust}), and {@code cr} to publish delegate chains in the STI-CR's store. It
 * reaches the STI-PA and the STI-CA only over HTTP, never their beans.
 */
package org.shakenpki.kms;
