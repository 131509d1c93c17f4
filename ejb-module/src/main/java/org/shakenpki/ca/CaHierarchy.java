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
import org.shakenpki.config.ImportedCertificates;
import org.shakenpki.config.InvalidSetting;
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
 *
 * <p>The intermediate can be rolled over ({@link #rollIntermediate}): a new key on the token and a new intermediate
 * under the same root issue every certificate from then on; the replaced intermediate's row is kept (renamed
 * {@code intermediate-<n>}), and the certificates it issued keep verifying, since their STI-CR chains hold it and
 * their revocation goes through the STI-PA CRL by issuer name and serial. Every node rereads the row in use at
 * most {@link #RELOAD} after it changed, so a cluster switches within that time.
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
    /** How long a node issues with the intermediate it read before it reads the row again (a rollover elsewhere). */
    static final Duration RELOAD = Duration.ofSeconds(30);

    @PersistenceContext(unitName = "shakenpki")
    EntityManager em;

    @Resource
    UserTransaction transaction;

    @EJB
    SecureKeyStore keyStore;

    @EJB
    AuditLog audit;

    @EJB
    CaAdmin admin;

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
    private volatile long loadedAtNanos;

    @PostConstruct
    void start() {
        if (!settings.enabled()) {
            return; // no STI-CA here: no keys on a token that need not exist
        }
        try {
            issuer();
        } catch (InvalidSetting e) {
            // an imported hierarchy that fails its checks stops the start-up, as a wrong setting does
            LOG.severe(e.getMessage());
            throw e;
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
        if (current == null || System.nanoTime() - loadedAtNanos > RELOAD.toNanos()) {
            if (!settings.enabled()) {
                throw new ProblemException(ProblemType.NOT_FOUND, "no STI-CA runs on this server");
            }
            synchronized (this) {
                if (issuer == null) {
                    issuer = loadOrCreate();
                    loadedAtNanos = System.nanoTime();
                } else if (System.nanoTime() - loadedAtNanos > RELOAD.toNanos()) {
                    Issuer reloaded = load();
                    if (reloaded != null) {
                        issuer = reloaded;
                    }
                    loadedAtNanos = System.nanoTime();
                }
                current = issuer;
            }
        }
        return current;
    }

    /**
     * Rolls the intermediate over: a new P-256 key on the {@code ca} token, a new intermediate certificate signed by
     * the root (linted as ATIS-1000080's intermediate, named as the one it replaces with a generation suffix
     * {@code G<n>}), made the issuer of every certificate from now on. Only for the STI-CA administrator: the
     * admin token is checked first ({@link CaAdmin}), a refusal recorded on its own; the rollover is audited.
     *
     * @param authorization the {@code Authorization} header ({@code Bearer <admin token>})
     * @return the new issuer
     * @throws ProblemException UNAUTHENTICATED without the admin token
     */
    public synchronized Issuer rollIntermediate(String authorization) {
        try {
            admin.check(authorization);
        } catch (ProblemException e) {
            audit.recordIndependently("anonymous", "ca.intermediate.roll", "ca:intermediate", Outcome.REFUSED, e.getMessage());
            throw e;
        }
        String actor = SubscriberManagement.ACTOR;
        Issuer before = issuer();
        KeyStoreToken token = keyStore.token("ca");
        String alias = "sti-ca-intermediate-" + Ids.random().replaceAll("[^A-Za-z0-9]", "");
        KeyHandle key = token.createKey(alias);
        try {
            transaction.begin();
            CaKeyRecord inUse = em.find(CaKeyRecord.class, INTERMEDIATE, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
            CaKeyRecord root = em.find(CaKeyRecord.class, ROOT);
            long retired = em.createQuery("select count(k) from CaKeyRecord k where k.name like :prefix", Long.class)
                    .setParameter("prefix", INTERMEDIATE + "-%").getSingleResult();
            X509Certificate rootCertificate = Pem.certificates(root.certificatePem).get(0);
            X509Certificate replaced = Pem.certificates(inUse.certificatePem).get(0);
            Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            Instant notAfter = min(now.plus(Duration.ofDays(10 * 365)), rootCertificate.getNotAfter().toInstant());
            X509Certificate intermediate = CertificateSigning.lintAndSign(CertificateProfiles.intermediate(
                    X500Name.getInstance(rootCertificate.getSubjectX500Principal().getEncoded()), rootCertificate.getPublicKey(),
                    generationName(replaced, retired + 2), key.publicKey(), now.minus(Duration.ofMinutes(5)), notAfter,
                    crlPoint()), ShakenProfile.Kind.INTERMEDIATE, token.signer(root.keyAlias));
            java.time.OffsetDateTime at = java.time.OffsetDateTime.now(clock);
            em.persist(new CaKeyRecord(INTERMEDIATE + "-" + (retired + 1), inUse.keyAlias, inUse.certificatePem, inUse.createdAt));
            inUse.replaceWith(alias, Pem.encode(intermediate), at);
            audit.record(actor, "ca.intermediate.roll", "ca:" + alias, Outcome.SUCCESS, intermediate.getSubjectX500Principal().getName()
                    + " (serial " + intermediate.getSerialNumber().toString(16) + ") issues from now on; serial "
                    + replaced.getSerialNumber().toString(16) + " retired");
            em.flush();
            transaction.commit();
            Issuer rolled = new Issuer(intermediate, token.signer(alias), before.root());
            issuer = rolled;
            loadedAtNanos = System.nanoTime();
            LOG.info(() -> "rolled the STI-CA intermediate over to " + intermediate.getSubjectX500Principal());
            return rolled;
        } catch (Exception e) {
            try {
                transaction.rollback();
            } catch (Exception ignored) {
                // the transaction is already over
            }
            token.deleteKey(alias);
            if (e instanceof ProblemException problem) {
                throw problem;
            }
            throw new IllegalStateException("the STI-CA intermediate could not be rolled over", e);
        }
    }

    /** The hierarchy as the database holds it now (not this node's copy), for the operator's view. */
    public Issuer stored() {
        Issuer stored = load();
        if (stored == null) {
            throw new ProblemException(ProblemType.SERVICE_UNAVAILABLE, "the STI-CA hierarchy is not set up yet");
        }
        return stored;
    }

    /** The intermediates that issued certificates before the one in use, oldest first. */
    public java.util.List<X509Certificate> retiredIntermediates() {
        try {
            transaction.begin();
            try {
                return em.createQuery("select k from CaKeyRecord k where k.name like :prefix order by k.createdAt", CaKeyRecord.class)
                        .setParameter("prefix", INTERMEDIATE + "-%").getResultStream()
                        .map(k -> Pem.certificates(k.certificatePem).get(0)).toList();
            } finally {
                transaction.commit();
            }
        } catch (Exception e) {
            throw new ProblemException(ProblemType.SERVICE_UNAVAILABLE, "the STI-CA hierarchy cannot be read", e);
        }
    }

    /** The replaced intermediate's subject with its CN given the suffix {@code G<generation>}. */
    static X500Name generationName(X509Certificate replaced, long generation) {
        X500Name name = X500Name.getInstance(replaced.getSubjectX500Principal().getEncoded());
        org.bouncycastle.asn1.x500.X500NameBuilder builder = new org.bouncycastle.asn1.x500.X500NameBuilder();
        for (org.bouncycastle.asn1.x500.RDN rdn : name.getRDNs()) {
            org.bouncycastle.asn1.x500.AttributeTypeAndValue first = rdn.getFirst();
            if (org.bouncycastle.asn1.x500.style.BCStyle.CN.equals(first.getType())) {
                String cn = org.bouncycastle.asn1.x500.style.IETFUtils.valueToString(first.getValue()).replaceFirst(" G[0-9]+$", "");
                builder.addRDN(org.bouncycastle.asn1.x500.style.BCStyle.CN, cn + " G" + generation);
            } else {
                builder.addMultiValuedRDN(rdn.getTypesAndValues());
            }
        }
        return builder.build();
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private Issuer loadOrCreate() {
        Issuer existing = load();
        if (settings.imported().isPresent()) {
            return imported(settings.imported().get(), existing);
        }
        return existing != null ? existing : create();
    }

    /**
     * The hierarchy of a key ceremony ({@link HierarchyImport}): checked at every start; stored at the first, after
     * which the database must keep holding it (its root, and its intermediate in use or rolled over since).
     */
    private Issuer imported(ImportedCertificates config, Issuer existing) {
        KeyStoreToken token = keyStore.token("ca");
        HierarchyImport.Checked checked = HierarchyImport.check(config, token, clock.instant());
        if (existing == null) {
            try {
                insert(checked.rootAlias(), checked.root(), checked.intermediateAlias(), checked.intermediate(), "ca.hierarchy.import");
            } catch (RuntimeException e) {
                Issuer winner = load(); // another node imported it first
                if (winner == null) {
                    throw e;
                }
                return imported(config, winner);
            }
            LOG.info(() -> "imported the STI-CA hierarchy: " + checked.intermediate().getSubjectX500Principal());
            return new Issuer(checked.intermediate(), token.signer(checked.intermediateAlias()), checked.root());
        }
        if (!existing.root().equals(checked.root())) {
            throw config.invalidCertificate("root", "the STI-CA root this database holds, "
                    + existing.root().getSubjectX500Principal().getName() + " (an import replaces no existing hierarchy)");
        }
        if (!existing.intermediate().equals(checked.intermediate()) && !retiredIntermediates().contains(checked.intermediate())) {
            throw config.invalidCertificate("intermediate", "an intermediate this database holds (in use: "
                    + existing.intermediate().getSubjectX500Principal().getName() + ")");
        }
        return existing;
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
            insert(rootKey.alias(), root, intermediateKey.alias(), intermediate, "ca.hierarchy.create");
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

    private void insert(String rootAlias, X509Certificate root, String intermediateAlias, X509Certificate intermediate,
                        String action) {
        try {
            transaction.begin();
            em.persist(new CaKeyRecord(ROOT, rootAlias, Pem.encode(root), java.time.OffsetDateTime.now(clock)));
            em.persist(new CaKeyRecord(INTERMEDIATE, intermediateAlias, Pem.encode(intermediate), java.time.OffsetDateTime.now(clock)));
            audit.record("system", action, "ca:" + intermediateAlias, Outcome.SUCCESS,
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
