package org.shakenpki.config;

import java.util.Optional;

/**
 * The one reader of {@code Authorization} header values carrying a bearer credential (RFC 6750 section 2.1,
 * the scheme name case-insensitive as RFC 9110 section 11.1 says), for every API of the application.
 */
public final class Bearer {
    private static final String SCHEME = "Bearer ";

    private Bearer() {
    }

    /** The credential of {@code Bearer <credential>}; empty for another scheme, a missing value or a blank one. */
    public static Optional<String> credential(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String value = authorization.strip();
        if (value.length() <= SCHEME.length() || !value.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        String credential = value.substring(SCHEME.length()).strip();
        return credential.isEmpty() ? Optional.empty() : Optional.of(credential);
    }

    /**
     * The credential with or without the {@code Bearer} scheme: the deployed US STI-PA API and its clients send
     * the access token raw in {@code Authorization} (docs/interop.md), and the admin tokens accept both.
     */
    public static String credentialOrRaw(String authorization) {
        String value = authorization == null ? "" : authorization.strip();
        return credential(value).orElse(value);
    }
}
