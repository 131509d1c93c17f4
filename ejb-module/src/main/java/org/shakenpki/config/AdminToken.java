package org.shakenpki.config;

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
 * A role's administrator credential: a 256-bit random bearer token in a file of the data directory, made at
 * first start and readable only by its owner (the SP-KMS and the STI-AS belong to the service provider, not to
 * the STI-PA, so each has a secret of its own rather than STI-PA users).
 *
 * <p>The file is created with a hard link from a private temporary file, which fails if the file exists: when
 * the nodes of a cluster start together on one data directory, the first one's token is the one all of them
 * read, rather than each keeping the one it wrote.
 */
public final class AdminToken {
    private static final Logger LOG = Logger.getLogger(AdminToken.class.getName());

    private final byte[] token;

    private AdminToken(byte[] token) {
        this.token = token;
    }

    /**
     * A role's admin token at start-up: null when the role is switched off, or when its file cannot be set up
     * (logged as SEVERE); {@link #require} then refuses every call.
     */
    public static AdminToken forRole(boolean enabled, Path file, String role) {
        if (!enabled) {
            return null;
        }
        try {
            return loadOrCreate(file);
        } catch (IOException e) {
            LOG.log(Level.SEVERE, "cannot set up the " + role + " admin token at " + file, e);
            return null;
        }
    }

    /**
     * Refuses an {@code Authorization} header value that does not present {@code token} (compared in constant time).
     *
     * @param api what the token opens, for the refusal's detail
     * @throws ProblemException UNAUTHENTICATED
     */
    public static void require(AdminToken token, String authorization, String api) {
        if (token == null || !token.matches(authorization)) {
            throw new ProblemException(ProblemType.UNAUTHENTICATED,
                    api + " needs its admin token (Authorization: Bearer <token>)");
        }
    }

    /** The token in {@code file}, which is created first when it does not exist. */
    public static AdminToken loadOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) {
            create(file);
        }
        return new AdminToken(Files.readString(file).strip().getBytes(StandardCharsets.UTF_8));
    }

    /** Whether an {@code Authorization} header value ({@code Bearer <token>}, or the token alone) is this token, in constant time. */
    public boolean matches(String authorization) {
        return MessageDigest.isEqual(token, Bearer.credentialOrRaw(authorization).getBytes(StandardCharsets.UTF_8));
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
        } catch (FileAlreadyExistsException e) {
            // another node of the cluster was first: use its token
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
