package org.shakenpki.kms;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.shakenpki.config.DataFiles;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The SP-KMS administrator's credential: a bearer token in {@code shakenpki.kms.admin-token-file} (default
 * {@code <data-dir>/kms/admin.token}), generated at first start and readable only by its owner. The SP-KMS
 * belongs to a service provider, not to the STI-PA, so it has its own secret rather than STI-PA users.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class KmsAdmin {
    private static final Logger LOG = Logger.getLogger(KmsAdmin.class.getName());

    @Inject
    @ConfigProperty(name = "shakenpki.kms.admin-token-file")
    String tokenFile;

    @Inject
    @ConfigProperty(name = "shakenpki.kms.enabled", defaultValue = "true")
    boolean enabled;

    private volatile byte[] token;

    @PostConstruct
    void start() {
        if (!enabled) {
            return;
        }
        try {
            Path file = Path.of(tokenFile);
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                DataFiles.writeSecret(file, Base64.getUrlEncoder().withoutPadding().encodeToString(random));
                LOG.info(() -> "wrote the SP-KMS admin token to " + file);
            }
            token = Files.readString(file).strip().getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.log(Level.SEVERE, "cannot set up the SP-KMS admin token at " + tokenFile, e);
        }
    }

    /**
     * Checks an {@code Authorization} header value ({@code Bearer <token>}) in constant time.
     *
     * @throws ProblemException UNAUTHENTICATED if it is not the admin token
     */
    public void check(String authorization) {
        byte[] expected = token;
        String presented = authorization == null ? "" : authorization.strip();
        if (presented.regionMatches(true, 0, "Bearer ", 0, 7)) {
            presented = presented.substring(7).strip();
        }
        if (expected == null || !MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8))) {
            throw new ProblemException(ProblemType.UNAUTHENTICATED, "the SP-KMS API needs its admin token (Bearer)");
        }
    }
}
