package org.shakenpki.ca;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.UserTransaction;
import org.bouncycastle.asn1.x500.X500Name;
import org.shakenpki.audit.AuditLog;
import org.shakenpki.audit.Outcome;
import org.shakenpki.pkix.CertificateSigning;
import org.shakenpki.pkix.Pem;
import org.shakenpki.pkix.ShakenProfile;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;
import org.shakenpki.sks.KeyHandle;
import org.shakenpki.sks.KeyStoreToken;
import org.shakenpki.sks.SecureKeyStore;
import org.shakenpki.sks.Signer;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The STI-CA hierarchy (ATIS-1000080 section 6.4.1): a P-256 root and intermediate whose keys are generated on
 * the {@code ca} token at first start and never leave it; their certificates are kept in the database.
 *
 * <p>Nodes starting together race safely: each generates keys under aliases of its own, and the database row
 * of the root is the lock. The node whose insert commits owns the hierarchy; a loser deletes the keys it made
 * and loads the winner's rows. If the token or the database is not ready at start-up, the next use retries.
 */
@Singleton
@Startup
@DependsOn({"DatabaseMigration", "SecureKeyStore"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class CaHierarchy {
    private static final Logger LOG = Logger.getLogger(CaHierarchy.class.getName());
    static final String ROOT = "root";
    static final String INTERMEDIATE = "intermediate";

    @PersistenceContext(unitName = "shakenpki")
    EntityManager em;

    @Resource
    UserTransaction transaction;

    @EJB
    SecureKeyStore keyStore;

    @EJB
    AuditLog audit;

    @Inject
    CaSettings settings;

    @Inject
    Clock clock;

    /**
     * What issuance needs: the issuing certificate, its HSM signer, and the root. The signer is reachable from
     * this package only: outside the STI-CA nothing signs with the CA's keys (the web tier reads the
     * certificates through {@link CaCertificates}).
     */
    public static final class Issuer {
        private final X509Certificate intermediate;
        private final Signer signer;
        private final X509Certificate root;

        Issuer(X509Certificate intermediate, Signer signer, X509Certificate root) {
            this.intermediate = intermediate;
            this.signer = signer;
            this.root = root;
        }

        public X509Certificate intermediate() {
            return intermediate;
        }

        public X509Certificate root() {
            return root;
        }

        Signer signer() {
            return signer;
        }
    }

    private volatile Issuer issuer;

    @PostConstruct
    void start() {
        if (!settings.enabled()) {
            return; // no STI-CA here: no keys on a token that need not exist
        }
        try {
            issuer();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the STI-CA hierarchy is not ready yet; it is tried again on first use", e);
        }
    }

    /**
     * The issuing CA, created on first use if the database has none yet.
     *
     * @throws ProblemException NOT_FOUND where the STI-CA is not enabled
     */
    public Issuer issuer() {
        Issuer current = issuer;
        if (current == null) {
            if (!settings.enabled()) {
                throw new ProblemException(ProblemType.NOT_FOUND, "no STI-CA runs on this server");
            }
            synchronized (this) {
                if (issuer == null) {
                    issuer = loadOrCreate();
                }
                current = issuer;
            }
        }
        return current;
    }

    private Issuer loadOrCreate() {
        Issuer existing = load();
        return existing != null ? existing : create();
    }

    /**
     * Generates the keys and certificates and inserts their rows; if another node inserted first, discards
     * its own keys and returns the other node's hierarchy.
     */
    Issuer create() {
        KeyStoreToken token = keyStore.token("ca");
        String suffix = Ids.random().replaceAll("[^A-Za-z0-9]", "");
        KeyHandle rootKey = token.createKey("sti-ca-root-" + suffix);
        KeyHandle intermediateKey = token.createKey("sti-ca-intermediate-" + suffix);
        try {
            Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            Signer rootSigner = token.signer(rootKey.alias());
            X500Name rootName = CertificateProfiles.name(settings.subjectC(), settings.organization(),
                    "SHAKEN ROOT " + settings.organization());
            X509Certificate root = CertificateSigning.lintAndSign(CertificateProfiles.root(rootName, rootKey.publicKey(),
                    now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofDays(20 * 365))), ShakenProfile.Kind.ROOT, rootSigner);
            X500Name intermediateName = CertificateProfiles.name(settings.subjectC(), settings.organization(),
                    "SHAKEN Intermediate " + settings.organization());
            X509Certificate intermediate = CertificateSigning.lintAndSign(CertificateProfiles.intermediate(rootName,
                    rootKey.publicKey(), intermediateName, intermediateKey.publicKey(), now.minus(Duration.ofMinutes(5)),
                    now.plus(Duration.ofDays(10 * 365)), crlPoint()), ShakenProfile.Kind.INTERMEDIATE, rootSigner);
            insert(rootKey.alias(), root, intermediateKey.alias(), intermediate);
            LOG.info(() -> "created the STI-CA hierarchy: " + intermediate.getSubjectX500Principal());
            return new Issuer(intermediate, token.signer(intermediateKey.alias()), root);
        } catch (RuntimeException e) {
            token.deleteKey(rootKey.alias());
            token.deleteKey(intermediateKey.alias());
            Issuer winner = load();
            if (winner != null) {
                LOG.info("another node created the STI-CA hierarchy first; its keys are used and ours discarded");
                return winner;
            }
            throw e;
        }
    }

    /** Where the certificates below the root point for revocation status: the STI-PA CRL. */
    public CertificateProfiles.CrlPoint crlPoint() {
        return new CertificateProfiles.CrlPoint(settings.crlUrl(), settings.crlIssuerDn());
    }

    private void insert(String rootAlias, X509Certificate root, String intermediateAlias, X509Certificate intermediate) {
        try {
            transaction.begin();
            em.persist(new CaKeyRecord(ROOT, rootAlias, Pem.encode(root), java.time.OffsetDateTime.now(clock)));
            em.persist(new CaKeyRecord(INTERMEDIATE, intermediateAlias, Pem.encode(intermediate), java.time.OffsetDateTime.now(clock)));
            audit.record("system", "ca.hierarchy.create", "ca:" + intermediateAlias, Outcome.SUCCESS,
                    intermediate.getSubjectX500Principal().getName());
            em.flush();
            transaction.commit();
        } catch (Exception e) {
            try {
                transaction.rollback();
            } catch (Exception ignored) {
                // the transaction is already over
            }
            throw new IllegalStateException("the STI-CA hierarchy could not be stored", e);
        }
    }

    /** The hierarchy in the database, or null if there is none yet. */
    Issuer load() {
        try {
            transaction.begin();
            try {
                CaKeyRecord root = em.find(CaKeyRecord.class, ROOT);
                CaKeyRecord intermediate = em.find(CaKeyRecord.class, INTERMEDIATE);
                if (root == null || intermediate == null) {
                    return null;
                }
                Signer signer = keyStore.token("ca").signer(intermediate.keyAlias);
                return new Issuer(Pem.certificates(intermediate.certificatePem).get(0), signer,
                        Pem.certificates(root.certificatePem).get(0));
            } finally {
                transaction.commit();
            }
        } catch (ProblemException e) {
            throw e;
        } catch (Exception e) {
            throw new ProblemException(ProblemType.SERVICE_UNAVAILABLE, "the STI-CA hierarchy cannot be read", e);
        }
    }
}
