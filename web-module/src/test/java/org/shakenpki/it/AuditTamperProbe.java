package org.shakenpki.it;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Changes a sealed audit record behind the application's back, as someone with database access could. */
@Stateless
public class AuditTamperProbe {

    @PersistenceContext(unitName = "shakenpki")
    EntityManager em;

    /** Replaces the detail of the record at chain position {@code seq}; returns the detail it had. */
    public String replaceDetail(long seq, String detail) {
        String before = (String) em.createNativeQuery("SELECT detail FROM audit_log WHERE chain_seq = ?1")
                .setParameter(1, seq).getSingleResult();
        int updated = em.createNativeQuery("UPDATE audit_log SET detail = ?1 WHERE chain_seq = ?2")
                .setParameter(1, detail).setParameter(2, seq).executeUpdate();
        if (updated != 1) {
            throw new IllegalStateException("no audit record at chain position " + seq);
        }
        return before;
    }
}
