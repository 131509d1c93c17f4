package org.shakenpki.stir;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.shakenpki.kms.CredentialIssued;
import org.shakenpki.kms.CredentialState;
import org.shakenpki.kms.CredentialStore;
import org.shakenpki.kms.ManagedCredential;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;
import org.shakenpki.sks.SecureKeyStore;
import org.shakenpki.sks.Signer;

import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The key and x5u the STI-AS signs with: the SP-KMS's current credential for the configured SPC
 * ({@code shakenpki.as.spc}; when unset, the one usable credential). Cached, and replaced when the SP-KMS
 * announces a new certificate ({@link CredentialIssued}, after its transaction commits), so renewals take
 * effect without a restart and no request waits for the database. A CDI bean rather than a singleton EJB, so
 * that reading the cache costs no container dispatch; the cache is a concurrent map.
 */
@ApplicationScoped
public class SigningCredentials {
    private static final Logger LOG = Logger.getLogger(SigningCredentials.class.getName());

    @EJB
    CredentialStore credentials;

    @EJB
    SecureKeyStore keyStore;

    @Inject
    @ConfigProperty(name = "shakenpki.as.spc")
    Optional<String> configuredSpc;

    /** A signing key and the URL of its certificate chain. */
    public record Current(String spc, Signer signer, String x5u) {
    }

    /** The credential of each SPC signed with so far; the key {@code ""} stands for "the configured one". */
    private final Map<String, Current> cache = new ConcurrentHashMap<>();

    /**
     * The credential to sign with now: that of {@code shakenpki.as.spc}, or the one usable credential.
     *
     * @throws ProblemException SERVICE_UNAVAILABLE when the SP-KMS has no usable certificate yet
     */
    public Current current() {
        return cache.computeIfAbsent("", key -> load(configuredSpc));
    }

    /** The credential of a given SPC, for a signing service that serves several. */
    public Current current(String spc) {
        return cache.computeIfAbsent(spc, key -> load(Optional.of(spc)));
    }

    /** Drops what was cached for an SPC when the SP-KMS has issued it a new certificate (a renewal, a first one). */
    public void onIssued(@Observes(during = TransactionPhase.AFTER_SUCCESS) CredentialIssued issued) {
        cache.remove(issued.spc());
        cache.computeIfPresent("", (key, current) -> current.spc().equals(issued.spc()) ? null : current);
        LOG.info(() -> "STI-AS switches to key " + issued.keyAlias() + " for SPC " + issued.spc());
    }

    private Current load(Optional<String> spc) {
        List<ManagedCredential> usable = credentials.all().stream()
                .filter(c -> c.keyAlias() != null && c.certificateUrl() != null)
                .filter(c -> c.state() == CredentialState.ACTIVE || c.state() == CredentialState.RENEWING)
                .filter(c -> spc.map(wanted -> wanted.equals(c.spc())).orElse(true))
                .toList();
        if (usable.size() != 1) {
            throw new ProblemException(ProblemType.SERVICE_UNAVAILABLE, usable.isEmpty()
                    ? "the SP-KMS has no certificate to sign with" + spc.map(s -> " for SPC " + s).orElse("")
                    : "several SPCs have certificates: set shakenpki.as.spc to the one to sign with");
        }
        ManagedCredential credential = usable.get(0);
        return new Current(credential.spc(), keyStore.token("kms").signer(credential.keyAlias()), credential.certificateUrl());
    }
}
