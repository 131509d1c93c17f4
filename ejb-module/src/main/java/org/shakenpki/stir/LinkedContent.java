package org.shakenpki.stir;

import java.io.IOException;
import java.net.URI;

/**
 * Where the content a Rich Call Data URI names ({@code icn}, {@code jcl}, a URI in {@code jcd}; RFC 9795 section
 * 5.1) comes from, for its {@code rcdi} digest: fetched through {@link org.shakenpki.net.Fetcher} by
 * {@link RcdContent}; served from memory in tests.
 */
@FunctionalInterface
public interface LinkedContent {
    /** A source that fetches nothing: every linked digest is unavailable. */
    LinkedContent NONE = uri -> {
        throw new IOException("linked Rich Call Data content is not fetched by this verifier");
    };

    /**
     * The content at {@code uri}.
     *
     * @throws IOException when it cannot be had (the reason is this server's own text)
     */
    byte[] get(URI uri) throws IOException;
}
