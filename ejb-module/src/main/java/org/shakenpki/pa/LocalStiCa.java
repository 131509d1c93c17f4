package org.shakenpki.pa;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.shakenpki.audit.AuditLog;
import org.shakenpki.audit.Outcome;

import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * The STI-CA that runs in the same deployment as this STI-PA (the "one operator for all" layout), and its
 * revocation user {@link PaBootstrap#LOCAL_STI_CA}. That user is bound to the local STI-CA's root
 * ({@link PaUser#caFingerprint()}) once an administrator has put the root on the trust list: before, the STI-CA
 * is not approved and may revoke nothing. The root comes through the port {@link LocalStiCaRoot}, which the
 * STI-CA role implements.
 */
@Stateless
public class LocalStiCa {
    @PersistenceContext(unitName = "shakenpki")
    EntityManager em;

    @Inject
    Instance<LocalStiCaRoot> localRoot;

    @EJB
    AuditLog audit;

    /**
     * Binds {@link PaBootstrap#LOCAL_STI_CA} to the local STI-CA's root if the root is on the trust list and the
     * user is not bound yet (an administrator's binding is never overwritten).
     *
     * @param actor who caused it: the administrator approving the root, or {@code system} at start-up
     * @return whether the user was bound now
     */
    public boolean bindIfApproved(String actor) {
        Optional<X509Certificate> root = localRoot.isResolvable() ? localRoot.get().root() : Optional.empty();
        if (root.isEmpty()) {
            return false;
        }
        String fingerprint = TrustListService.fingerprint(root.get());
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
}
