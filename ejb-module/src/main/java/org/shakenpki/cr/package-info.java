/**
 * The STI-CR (ATIS-1000080 section 5.3.3): certificate chains published once by the STI-CA and served by URL
 * to STI-VS, the URL a PASSporT names in {@code x5u} and an ACME order in its {@code x5u} (RFC 9448 section 7).
 *
 * <p>May depend on: {@code config} and JPA. The STI-CA writes to it; the web tier reads it.
 */
package org.shakenpki.cr;
