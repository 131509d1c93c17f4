/**
 * The STI-CR (ATIS-1000080 section 5.3.3): certificate chains published once by the STI-CA and served by URL
 * to STI-VS, the URL a PASSporT names in {@code x5u} and an ACME order in its {@code x5u} (RFC 9448 section 7).
 */
package org.shakenpki.cr;
