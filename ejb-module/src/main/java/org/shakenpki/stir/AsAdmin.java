package org.shakenpki.stir;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The STI-AS administrator's credential: a bearer token in {@code shakenpki.as.admin-token-file} (default
 * {@code <data-dir>/as/admin.token}), generated at first start, readable only by its owner. It manages the API
 * keys signing requests are authenticated with ({@link ApiKeyAdministration}); the STI-AS belongs to the service
 * provider, not to the STI-PA, so it has a secret of its own rather than STI-PA users.
 *
 * <p>The file is created with a hard link from a private temporary file, which fails if the file exists: when
 * the nodes of a cluster start together on one data directory, the first one's token is the one all of them
 * read, rather than each keeping the one it wrote.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class AsAdmin {
    private static final Logger LOG = Logger.getLogger(AsAdmin.class.getName());

    @Inject
    @ConfigProperty(name = "shakenpki.as.admin-token-file")
    String tokenFile;

    private volatile byte[] token;

    @PostConstruct
    void start() {
        try {
            Path file = Path.of(tokenFile);
            if (!Files.exists(file)) {
                create(file);
            }
            token = Files.readString(file).strip().getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.log(Level.SEVERE, "cannot set up the STI-AS admin token at " + tokenFile, e);
        }
    }

    private static void create(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        Path temporary = Files.createTempFile(file.getParent(), ".tmp", "",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(temporary, Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "\n",
                    StandardCharsets.US_ASCII);
            Files.createLink(file, temporary);
            LOG.info(() -> "wrote the STI-AS admin token to " + file);
        } catch (FileAlreadyExistsException e) {
            // another node of the cluster was first: use its token
        } finally {
            Files.deleteIfExists(temporary);
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
            throw new ProblemException(ProblemType.UNAUTHENTICATED,
                    "the STI-AS administration API needs its admin token (Authorization: Bearer <token>)");
        }
    }
}
