package org.shakenpki.stir;

import org.shakenpki.stipa.IndirectCrl;
import java.io.IOException;

/**
 * What the verifier takes from the STI-PA (ATIS-1000080 sections 5.3.1 and 5.3.3): the verified trust list of
 * STI-CAs and the verified indirect CRL. Normally fetched and cached ({@link StiPaFeeds}); fixed in tests.
 */
public interface StiPaSource {
    /** @throws IOException when no valid trust list can be had (the verification cannot be performed) */
    TrustList trustList() throws IOException;

    /** @throws IOException when no valid CRL can be had (the verification cannot be performed) */
    IndirectCrl crl() throws IOException;
}
