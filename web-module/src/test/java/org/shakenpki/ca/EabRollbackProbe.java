package org.shakenpki.ca;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test-only: issues an EAB key in a transaction that then rolls back, as one whose commit fails after the HMAC key
 * went onto the token; and looks at what is left of it.
 */
@Stateless
public class EabRollbackProbe {

    @EJB
    SubscriberManagement subscribers;

    @EJB
    EabMacKeys macKeys;

    @PersistenceContext(unitName = "shakenpki")
    EntityManager em;

    @Resource
    SessionContext context;

    /** A subscriber of its own, committed. */
    public void createSubscriber(String id, String spc) throws Exception {
        subscribers.create(adminToken(), id, "Rollback Telecom", new SubscriberInfo.Subject("Rollback Telecom", "US", null, null, null),
                java.util.List.of(spc), "mailto:noc@rollback.example");
    }

    /** Issues an EAB key (row and HMAC key on the token), then marks the transaction for rollback; the kid. */
    public String createEabThenRollBack(String subscriberId) throws Exception {
        String kid = subscribers.createEab(adminToken(), subscriberId).kid();
        if (!macKeys.onToken(kid)) {
            throw new IllegalStateException("the probe expected the key on the token before the rollback");
        }
        context.setRollbackOnly();
        return kid;
    }

    /** Whether the token holds the HMAC key of the kid. */
    public boolean keyOnToken(String kid) {
        return macKeys.onToken(kid);
    }

    /** Whether the database has the kid's row. */
    public boolean rowExists(String kid) {
        return em.find(EabKey.class, kid) != null;
    }

    private static String adminToken() throws Exception {
        return "Bearer " + Files.readString(Path.of(System.getProperty("it.data.dir"), "ca", "admin.token")).strip();
    }
}
