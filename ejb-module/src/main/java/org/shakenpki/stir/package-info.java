/**
 * STIR/SHAKEN PASSporTs (RFC 8224, RFC 8225, RFC 8588, ATIS-1000074): the STI-AS, which signs for callers with
 * an API key within that key's SPCs and attestation ({@link org.shakenpki.stir.SigningService},
 * {@link org.shakenpki.stir.PassportSigner}), and the STI-VS. {@link org.shakenpki.stir.PassportVerifier} is the
 * verification procedure as plain code over its sources (the x5u chain, the STI-PA trust list and CRL), with the
 * chain validated by the trust kernel; {@link org.shakenpki.stir.VerificationService} runs it with the network
 * sources of this node and counts the outcomes.
 *
 * <p>May depend on: the shared kernels ({@code audit}, {@code config}, {@code net}, {@code pkix}, {@code problem},
 * {@code sks}, {@code stipa}, {@code trust}). The SP-KMS's credentials reach the STI-AS through a port of this
 * package.
 */
package org.shakenpki.stir;
