/**
 * Outbound HTTP(S) for roles that fetch from other organisations (a PASSporT's or an SPC token's {@code x5u},
 * the STI-PA API, CRL and certificates, the SP-KMS webhook): one {@link org.shakenpki.net.Fetcher} with one
 * deadline for the whole exchange, a size limit, no redirects, an RFC 6890 address policy applied after name
 * resolution, merged concurrent GETs, briefly cached failures and failure reasons that never quote the remote
 * server. TLS trust is the JDK's plus an optional PEM file.
 *
 * <p>May depend on: {@code config} and the JDK. Every role that fetches depends on it.
 */
package org.shakenpki.net;
