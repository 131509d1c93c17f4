package org.shakenpki.pa;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.shakenpki.audit.AuditLog;
import org.shakenpki.audit.Outcome;
import org.shakenpki.sks.KeyHandle;
import org.shakenpki.sks.KeyService;
import org.shakenpki.sks.SecureKeyStore;
import org.shakenpki.sks.Signer;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * First-start set-up of the STI-PA, each step a transaction of its own: the three HSM keys and
 * certificates, and the initial users. When two nodes start together, the loser's insert fails, its
 * transaction rolls back and the keys it generated are destroyed by {@link KeyService}.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class PaSetup {
    private static final String ACTOR = "system";

    @PersistenceContext(unitName = "shakenpki")
    EntityManager em;

    @Inject
    Clock clock;

    @EJB
    KeyService keys;

    @EJB
    SecureKeyStore keyStore;

    @EJB
    AuditLog audit;

    @Inject
    PaSettings settings;

    /** Creates the root, token-signer and CRL-signer keys and certificates unless they exist. */
    public boolean createCertificatesIfMissing() {
        if (em.find(PaCertificate.class, PaCertificate.Purpose.ROOT) != null) {
            return false;
        }
        Instant now = clock.instant();
        KeyHandle rootKey = newKey("sti-pa-root");
        Signer rootSigner = keyStore.token(PaKeys.TOKEN).signer(rootKey.alias());
        X509Certificate root = PaCertificateBuilder.root(new X500Name(settings.rootDn()), rootSigner, now, 20);
        persist(PaCertificate.Purpose.ROOT, rootKey, root);

        KeyHandle tokenKey = newKey("sti-pa-token-signer");
        persist(PaCertificate.Purpose.TOKEN_SIGNER, tokenKey, PaCertificateBuilder.issued(new X500Name(settings.tokenSignerDn()),
                tokenKey.publicKey(), root, rootSigner, now, 5, KeyUsage.digitalSignature));

        KeyHandle crlKey = newKey("sti-pa-crl-signer");
        persist(PaCertificate.Purpose.CRL_SIGNER, crlKey, PaCertificateBuilder.issued(new X500Name(settings.crlIssuerDn()),
                crlKey.publicKey(), root, rootSigner, now, 5, KeyUsage.cRLSign));
        audit.record(ACTOR, "pa.certificates.create", "sti-pa", Outcome.SUCCESS, root.getSubjectX500Principal().getName());
        return true;
    }

    /**
     * Stores the checked signers of a key ceremony ({@link PaImport}) as the ones in use, unless the STI-PA has
     * keys already; the keys stay where the ceremony put them.
     */
    public boolean importCertificatesIfMissing(PaImport.Checked checked) {
        if (em.find(PaCertificate.class, PaCertificate.Purpose.ROOT) != null) {
            return false;
        }
        persist(PaCertificate.Purpose.ROOT, checked.rootAlias(), checked.root());
        persist(PaCertificate.Purpose.TOKEN_SIGNER, checked.tokenSignerAlias(), checked.tokenSigner());
        persist(PaCertificate.Purpose.CRL_SIGNER, checked.crlSignerAlias(), checked.crlSigner());
        audit.record(ACTOR, "pa.certificates.import", "sti-pa", Outcome.SUCCESS, checked.root().getSubjectX500Principal().getName());
        return true;
    }

    /**
     * Creates a service user with a generated password unless the user exists: never locked by failed logins,
     * as nobody can guess the password.
     *
     * @return the generated password, or empty if the user already existed
     */
    public Optional<String> createUserIfMissing(String userId, UserRole role) {
        if (em.find(PaUser.class, userId) != null) {
            return Optional.empty();
        }
        String password = Passwords.randomSecret();
        em.persist(new PaUser(userId, role, null, Passwords.hash(password), true, OffsetDateTime.now(clock)));
        audit.record(ACTOR, "pa.user.create", "user:" + userId, Outcome.SUCCESS, "role " + role + ", first start");
        return Optional.of(password);
    }

    private KeyHandle newKey(String purpose) {
        return keys.createKey(PaKeys.TOKEN, purpose + "-" + UUID.randomUUID(), ACTOR);
    }

    private void persist(PaCertificate.Purpose purpose, KeyHandle key, X509Certificate certificate) {
        persist(purpose, key.alias(), certificate);
    }

    private void persist(PaCertificate.Purpose purpose, String keyAlias, X509Certificate certificate) {
        try {
            em.persist(new PaCertificate(purpose, keyAlias, certificate.getEncoded(), OffsetDateTime.now(clock)));
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
