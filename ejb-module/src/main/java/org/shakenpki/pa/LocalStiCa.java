package org.shakenpki.pa;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.shakenpki.audit.AuditLog;
import org.shakenpki.audit.Outcome;
import org.shakenpki.ca.CaHierarchy;
import org.shakenpki.sks.SecureKeyStore;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The STI-CA that runs in the same deployment as this STI-PA (the "one operator for all" layout, where
 * {@code sks.roles} holds {@code ca}), and its revocation user {@link PaBootstrap#LOCAL_STI_CA}.
 *
 * <p>That user is bound to the local STI-CA's root ({@link PaUser#caFingerprint()}) once an administrator has
 * put the root on the trust list: before, the STI-CA is not approved and may revoke nothing. The local STI-CA
 * reports a revocation with the certificate alone (no chain, {@code ca/RevocationOutbox}); its intermediate,
 * which the STI-PA reads here rather than from the request, completes the path ({@link ChainCompletion}).
 */
@Stateless
public class LocalStiCa {
    private static final Logger LOG = Logger.getLogger(LocalStiCa.class.getName());

    @PersistenceContext(unitName = "shakenpki")
    EntityManager em;

    @EJB
    SecureKeyStore keyStore;

    @EJB
    CaHierarchy hierarchy;

    @EJB
    AuditLog audit;

    /** The local STI-CA's root and intermediate (root first), or empty where no STI-CA runs here. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<X509Certificate> certificates() {
        return hierarchy();
    }

    /**
     * Binds {@link PaBootstrap#LOCAL_STI_CA} to the local STI-CA's root if the root is on the trust list and the
     * user is not bound yet (an administrator's binding is never overwritten).
     *
     * @param actor who caused it: the administrator approving the root, or {@code system} at start-up
     * @return whether the user was bound now
     */
    public boolean bindIfApproved(String actor) {
        List<X509Certificate> local = hierarchy();
        if (local.isEmpty()) {
            return false;
        }
        String fingerprint = TrustListService.fingerprint(local.get(0));
        PaUser user = em.find(PaUser.class, PaBootstrap.LOCAL_STI_CA);
        if (user == null || user.role() != UserRole.STI_CA || user.caFingerprint() != null
                || em.find(TrustAnchor.class, fingerprint) == null) {
            return false;
        }
        user.bindCa(fingerprint);
        audit.record(actor, "pa.user.update", "user:" + user.userId(), Outcome.SUCCESS,
                "bound to the local STI-CA root " + fingerprint + " on its approval");
        return true;
    }

    private List<X509Certificate> hierarchy() {
        if (!keyStore.roles().contains("ca")) {
            return List.of();
        }
        try {
            return Optional.ofNullable(hierarchy.certificates()).orElse(List.of());
        } catch (RuntimeException e) {
            // the ca token or the database is not ready: the local STI-CA is unknown for now, not an error here
            LOG.log(Level.FINE, "the local STI-CA hierarchy is not available", e);
            return List.of();
        }
    }
}
