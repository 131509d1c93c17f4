package org.shakenpki.stir;

import java.io.IOException;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Where the verifier gets the certificate chain a PASSporT's {@code x5u} names (RFC 8224 section 6.2 step 3,
 * RFC 8225 section 5.1.1): normally fetched over https and cached ({@link X5uChains}); a fixed chain in tests.
 */
@FunctionalInterface
public interface CredentialSource {
    /**
     * The chain at an x5u that already passed {@link X5uRules}, signing certificate first.
     *
     * @throws IOException when it cannot be fetched or holds no certificate (436 Bad Identity Info)
     */
    List<X509Certificate> chain(URI x5u) throws IOException;
}
