package org.shakenpki.cr;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The STI-CR (ATIS-1000080 section 5.3.3): certificate chains that STI-VS fetch by the URL in a PASSporT's
 * {@code x5u}. Chains are written once, by the STI-CA when it issues, and never change, so their ETag is the
 * hash of the content and they may be cached for long.
 */
@Stateless
public class ChainRepository {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}");
    /** Where chains are served below the public URL; the web tier's {@code ChainResource} serves this path. */
    public static final String PATH = "/sti-cr/";

    @PersistenceContext(unitName = "shakenpki")
    EntityManager em;

    @Inject
    Clock clock;

    /** A published chain as the web tier serves it. */
    public record Chain(String name, String pem, String etag) {
    }

    /** Publishes a chain under a new name, in the caller's transaction. */
    public Chain store(String name, String chainPem) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("chain names are 1-80 of A-Z a-z 0-9 _ -");
        }
        StoredChain chain = new StoredChain(name, chainPem, etag(chainPem), OffsetDateTime.now(clock));
        em.persist(chain);
        return new Chain(chain.name, chain.chainPem, chain.etag);
    }

    /** The URL a chain is served at (the {@code x5u} of the PASSporTs signed with its certificate). */
    public static String url(String publicUrl, String name) {
        return publicUrl + PATH + name + ".pem";
    }

    /** The chain of a name; empty for an unknown or malformed name. */
    public Optional<Chain> find(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        StoredChain chain = em.find(StoredChain.class, name);
        return chain == null ? Optional.empty() : Optional.of(new Chain(chain.name, chain.chainPem, chain.etag));
    }

    private static String etag(String pem) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(pem.getBytes(StandardCharsets.US_ASCII));
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
