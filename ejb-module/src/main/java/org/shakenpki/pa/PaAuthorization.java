package org.shakenpki.pa;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import org.shakenpki.audit.AuditLog;
import org.shakenpki.audit.Outcome;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

/**
 * The first step of every STI-PA business method that changes or reveals administrative state: authorise,
 * then act, then audit (ATIS-1000080 section 5: every certificate-management action is traceable, refusals
 * included). A refusal is a 403 problem and an audit record written in a transaction of its own
 * ({@link AuditLog#recordIndependently}), so it stays on record although the refused request rolls back.
 *
 * <p>The web tier only establishes who calls ({@link PaPrincipal}); what that caller may do is decided here
 * and in the beans that call this, never in a JAX-RS resource.
 */
@Stateless
public class PaAuthorization {

    @EJB
    AuditLog audit;

    /**
     * Lets an STI-PA administrator through.
     *
     * @param action  the audit action of the operation, e.g. {@code pa.trust-list.add}
     * @param subject what the operation is about, e.g. {@code sti-ca:<fingerprint>}
     * @throws ProblemException FORBIDDEN for anyone else, after recording the refusal
     */
    public void requireAdmin(PaPrincipal caller, String action, String subject) {
        if (caller == null || !caller.isAdmin()) {
            throw refuse(caller, action, subject, "this operation is for STI-PA administrators");
        }
    }

    /**
     * Lets a service provider's administrator through to its own account only (the provider portal): another
     * account's id in a URL or form is refused like any other unauthorised call.
     *
     * @throws ProblemException FORBIDDEN for anyone else, after recording the refusal
     */
    public void requireProviderAdmin(PaPrincipal caller, String accountId, String action) {
        String subject = "account:" + accountId;
        if (caller == null || caller.role() != UserRole.SP_ADMIN) {
            throw refuse(caller, action, subject, "this page is for a service provider's administrators");
        }
        if (accountId == null || !accountId.equals(caller.accountId())) {
            throw refuse(caller, action, subject, "user " + caller.userId() + " is not an administrator of account "
                    + accountId);
        }
    }

    /** Lets any authenticated caller through (the trust list is for every STI-PA user). */
    public void requireAuthenticated(PaPrincipal caller, String action, String subject) {
        if (caller == null) {
            throw refuse(null, action, subject, "no authenticated caller");
        }
    }

    /** Records a refusal independently of the caller's transaction and returns the 403 to throw. */
    public ProblemException refuse(PaPrincipal caller, String action, String subject, String why) {
        String actor = caller == null ? "anonymous" : caller.userId();
        String role = caller == null ? "none" : caller.role().name();
        audit.recordIndependently(actor, action, subject, Outcome.REFUSED, "role " + role + ": " + why);
        return new ProblemException(ProblemType.FORBIDDEN, why);
    }
}
