package org.shakenpki.ca;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.shakenpki.pkix.Pem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.TrustAnchor;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The STI-PA roots that SPC tokens must chain to (RFC 9448 section 6 check 2: "the trusted issuer of Authority
 * Tokens for the ecosystem"), from the PEM file {@code shakenpki.ca.sti-pa-trust-anchors}. The file is read
 * when a token is checked, not at start-up (the STI-PA may write it later), and read again when it changes.
 */
@ApplicationScoped
public class StiPaTrustAnchors {
    private static final Logger LOG = Logger.getLogger(StiPaTrustAnchors.class.getName());

    @Inject
    CaSettings settings;

    private record Loaded(Path path, FileTime modified, long size, Set<TrustAnchor> anchors) {
    }

    private volatile Loaded loaded;

    /** The current anchors; empty if the file is missing or unreadable. */
    public Set<TrustAnchor> anchors() {
        Path path = settings.stiPaTrustAnchors();
        try {
            FileTime modified = Files.getLastModifiedTime(path);
            long size = Files.size(path);
            Loaded current = loaded;
            if (current != null && current.path.equals(path) && current.modified.equals(modified) && current.size == size) {
                return current.anchors;
            }
            Set<TrustAnchor> anchors = Pem.certificates(Files.readAllBytes(path)).stream()
                    .map(certificate -> new TrustAnchor(certificate, null)).collect(Collectors.toUnmodifiableSet());
            loaded = new Loaded(path, modified, size, anchors);
            LOG.info(() -> "read " + anchors.size() + " STI-PA trust anchor(s) from " + path);
            return anchors;
        } catch (IOException | IllegalArgumentException e) {
            LOG.log(Level.WARNING, "no STI-PA trust anchors readable at " + path + ": " + e.getMessage());
            return Set.of();
        }
    }
}
