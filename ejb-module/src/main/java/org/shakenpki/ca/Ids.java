package org.shakenpki.ca;

import java.security.SecureRandom;
import java.util.Base64;

/** Random identifiers for URLs, nonces and challenge tokens: 128 bits, base64url without padding. */
final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    static String random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
