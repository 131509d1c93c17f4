/**
 * STIR/SHAKEN PASSporTs (RFC 8224, RFC 8225, RFC 8588, ATIS-1000074): canonical telephone numbers and the
 * STI-VS. {@link org.shakenpki.stir.PassportVerifier} is the verification procedure as plain code over two
 * sources (the x5u chain, the STI-PA trust list and CRL); {@link org.shakenpki.stir.VerificationService} runs it
 * with the network sources of this node and audits each verification.
 */
package org.shakenpki.stir;
