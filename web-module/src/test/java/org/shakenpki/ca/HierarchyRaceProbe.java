package org.shakenpki.ca;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.UserTransaction;
import org.shakenpki.audit.AuditLog;
import org.shakenpki.sks.SecureKeyStore;

import java.time.Clock;
import java.util.List;

/**
 * Test-only: plays a second node that decided to create the CA hierarchy before the first node's rows were
 * visible, then lost the insert.
 */
@Stateless
@TransactionManagement(TransactionManagementType.BEAN)
public class HierarchyRaceProbe {

    @PersistenceContext(unitName = "shakenpki")
    EntityManager em;

    @Resource
    UserTransaction transaction;

    @EJB
    SecureKeyStore keyStore;

    @EJB
    AuditLog audit;

    @EJB
    CaHierarchy running;

    @Inject
    CaSettings settings;

    @Inject
    Clock clock;

    /**
     * What the late node ended up with; {@code hierarchyAliases} are the keys the database names (the root, the
     * intermediate in use and any it replaced in a rollover).
     */
    public record Outcome(boolean sameIntermediate, List<String> aliasesBefore, List<String> aliasesAfter,
                          List<String> hierarchyAliases) {
    }

    public Outcome loseTheRace() {
        CaHierarchy.Issuer winner = running.issuer();
        List<String> before = keyStore.token("ca").aliases();
        CaHierarchy late = new CaHierarchy();
        late.em = em;
        late.transaction = transaction;
        late.keyStore = keyStore;
        late.audit = audit;
        late.settings = settings;
        late.clock = clock;
        CaHierarchy.Issuer result = late.create();
        List<String> hierarchy = em.createQuery("select k.keyAlias from CaKeyRecord k", String.class)
                .getResultStream().sorted().toList();
        return new Outcome(result.intermediate().equals(winner.intermediate()), before, keyStore.token("ca").aliases(), hierarchy);
    }
}
