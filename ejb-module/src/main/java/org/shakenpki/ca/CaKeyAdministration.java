package org.shakenpki.ca;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.shakenpki.problem.ProblemException;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The STI-CA operator's view and rollover of its hierarchy (ATIS-1000080 section 6.4.1), as authorise, act, audit:
 * the caller must present the STI-CA admin token ({@link CaAdmin}), which {@link CaHierarchy#rollIntermediate} checks
 * itself before it acts (a refusal is recorded in an audit record of its own).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // CaHierarchy runs its own transactions
public class CaKeyAdministration {
    @EJB
    CaAdmin admin;

    @EJB
    CaHierarchy hierarchy;

    /** The root, the intermediate in use, and the intermediates it replaced (their leaves still verify), as stored. */
    public record Hierarchy(X509Certificate root, X509Certificate intermediate, List<X509Certificate> retired) {
    }

    /**
     * The hierarchy.
     *
     * @throws ProblemException UNAUTHENTICATED without the admin token
     */
    public Hierarchy show(String authorization) {
        admin.check(authorization);
        CaHierarchy.Issuer issuer = hierarchy.stored();
        return new Hierarchy(issuer.root(), issuer.intermediate(), hierarchy.retiredIntermediates());
    }

    /**
     * Rolls the intermediate over: new key, new intermediate under the root, the issuer of every certificate from
     * now on.
     *
     * @throws ProblemException UNAUTHENTICATED without the admin token (recorded as refused)
     */
    public Hierarchy rollIntermediate(String authorization) {
        hierarchy.rollIntermediate(authorization);
        return show(authorization);
    }
}
