package org.shakenpki.pa;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.shakenpki.config.DataFiles;
import org.shakenpki.config.ImportedCertificates;
import org.shakenpki.config.InvalidSetting;
import org.shakenpki.sks.SecureKeyStore;
import org.shakenpki.pkix.Pem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts the STI-PA (when {@code shakenpki.pa.enabled}, default true): makes its keys and certificates on
 * first start (or imports those of a key ceremony, {@link PaImport}: checked at every start, a mismatch stops it), publishes the root for STI-CAs and verifiers at {@code <data-dir>/sti-pa/root.pem}, creates
 * the first administrator and the local STI-CA's and STI-VS's client users, each with a generated password written once
 * to a file only its owner can read, and makes sure a CRL is published. These users are service users, never
 * locked out by failed logins ({@link LoginThrottle}); the local STI-CA's user is bound to the local STI-CA's
 * root once that root is on the trust list ({@link LocalStiCa}).
 */
@Singleton
@Startup
@DependsOn({"DatabaseMigration", "SettingsCheck"})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PaBootstrap {
    private static final Logger LOG = Logger.getLogger(PaBootstrap.class.getName());
    /** The first administrator's user id. */
    public static final String ADMIN = "admin";
    /** The user the STI-CA of the same deployment reports revocations with. */
    public static final String LOCAL_STI_CA = "local-sti-ca";
    /** The user the STI-VS of the same deployment reads the trust list with. */
    public static final String LOCAL_STI_VS = "local-sti-vs";

    @EJB
    PaSetup setup;

    @EJB
    PaKeys keys;

    @EJB
    CrlPublisher crls;

    @EJB
    LocalStiCa localStiCa;

    @Inject
    PaSettings settings;

    @EJB
    SecureKeyStore keyStore;

    @Inject
    Clock clock;

    @PostConstruct
    void start() {
        if (!settings.enabled()) {
            return;
        }
        try {
            if (settings.imported().isPresent()) {
                importSigners(settings.imported().get());
            } else if (setup.createCertificatesIfMissing()) {
                LOG.info("created the STI-PA root, SPC-token signer and CRL signer on the pa token");
            }
            Path directory = settings.dataDir().resolve("sti-pa");
            Files.createDirectories(directory);
            DataFiles.write(directory.resolve("root.pem"), Pem.encode(keys.certificate(PaCertificate.Purpose.ROOT)));
            setup.createUserIfMissing(ADMIN, UserRole.ADMIN)
                    .ifPresent(password -> writeSecret(directory.resolve("admin.password"), password));
            setup.createUserIfMissing(LOCAL_STI_CA, UserRole.STI_CA)
                    .ifPresent(password -> writeSecret(directory.resolve("local-sti-ca.password"), password));
            setup.createUserIfMissing(LOCAL_STI_VS, UserRole.VERIFIER)
                    .ifPresent(password -> writeSecret(directory.resolve("local-sti-vs.password"), password));
            crls.publishIfMissing();
            if (localStiCa.bindIfApproved("system")) {
                LOG.info("bound " + LOCAL_STI_CA + " to the local STI-CA root on the trust list");
            }
        } catch (InvalidSetting e) {
            // imported signers that fail their checks stop the start-up, as a wrong setting does
            LOG.severe(e.getMessage());
            throw e;
        } catch (IOException | RuntimeException e) {
            // The rest of the server (and /health) stays up; STI-PA requests answer 503 until this is fixed.
            LOG.log(Level.SEVERE, "the STI-PA could not be set up", e);
        }
    }

    /** Checks the signers of a key ceremony ({@link PaImport}) and stores them at the first start. */
    private void importSigners(ImportedCertificates config) {
        PaImport.Checked checked = PaImport.check(config, keyStore.token(PaKeys.TOKEN), clock.instant(), settings.crlIssuerDn());
        if (setup.importCertificatesIfMissing(checked)) {
            LOG.info("imported the STI-PA root, SPC-token signer and CRL signer from the pa token");
        } else {
            PaImport.requireHeld(config, checked, keys);
        }
    }

    private static void writeSecret(Path file, String secret) {
        try {
            DataFiles.writeSecret(file, secret);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LOG.info(() -> "wrote the initial password of " + file.getFileName() + " to " + file);
    }
}
