package org.shakenpki.stir;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
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
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/**
 * The key and x5u the STI-AS signs with: the SP-KMS's current credential for the configured SPC
 * ({@code shakenpki.as.spc}; when unset, the one usable credential). Cached, and replaced when the SP-KMS
 * announces a new certificate ({@link CredentialIssued}, after its transaction commits), so renewals take
 * effect without a restart and no request waits for the database.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
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

    private final AtomicReference<Current> current = new AtomicReference<>();

    /**
     * The credential to sign with now.
     *
     * @throws ProblemException SERVICE_UNAVAILABLE when the SP-KMS has no usable certificate yet
     */
    public Current current() {
        Current cached = current.get();
        if (cached != null) {
            return cached;
        }
        Current loaded = load();
        current.set(loaded);
        return loaded;
    }

    /** Drops the cached credential when the SP-KMS has issued a new certificate (a renewal, a first one). */
    public void onIssued(@Observes(during = TransactionPhase.AFTER_SUCCESS) CredentialIssued issued) {
        Current cached = current.get();
        if (cached == null || cached.spc().equals(issued.spc())) {
            current.set(null);
            LOG.info(() -> "STI-AS switches to key " + issued.keyAlias() + " for SPC " + issued.spc());
        }
    }

    /** Drops the cache, for a credential that was revoked or replaced outside the event. */
    public void forget() {
        current.set(null);
    }

    private Current load() {
        List<ManagedCredential> usable = credentials.all().stream()
                .filter(c -> c.keyAlias() != null && c.certificateUrl() != null)
                .filter(c -> c.state() == CredentialState.ACTIVE || c.state() == CredentialState.RENEWING)
                .filter(c -> configuredSpc.map(spc -> spc.equals(c.spc())).orElse(true))
                .toList();
        if (usable.size() != 1) {
            throw new ProblemException(ProblemType.SERVICE_UNAVAILABLE, usable.isEmpty()
                    ? "the SP-KMS has no certificate to sign with" + configuredSpc.map(s -> " for SPC " + s).orElse("")
                    : "several SPCs have certificates: set shakenpki.as.spc to the one to sign with");
        }
        ManagedCredential credential = usable.get(0);
        return new Current(credential.spc(), keyStore.token("kms").signer(credential.keyAlias()), credential.certificateUrl());
    }
}
