package org.shakenpki.pa;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.shakenpki.audit.AuditChain;
import org.shakenpki.audit.AuditLog;
import org.shakenpki.audit.AuditEntry;
import org.shakenpki.audit.ChainVerification;

import java.util.List;

/**
 * The audit log and the check of its hash chain as the STI-PA administration API offers them (ATIS-1000080
 * section 5: certificate-management actions are traceable; the trace is for the policy administrator). The
 * shared {@link AuditLog} and {@link AuditChain} serve every role and know no callers; this is the one way
 * from the API to them, and it lets only administrators through ({@link PaAuthorization}).
 */
@Stateless
public class PaAuditTrail {

    @EJB
    AuditLog log;

    @EJB
    AuditChain chain;

    @EJB
    PaAuthorization authorization;

    /** The newest records, newest first, of one subject or (subject {@code null}) of all. */
    public List<AuditEntry> latest(PaPrincipal caller, String subject, int limit) {
        authorization.requireAdmin(caller, "pa.audit.read", subject == null ? "audit" : subject);
        return log.latest(subject, limit).stream().map(AuditEntry::of).toList();
    }

    /** Seals what is pending, then verifies the whole chain ({@link AuditChain#sealAndVerify()}). */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public ChainVerification sealAndVerify(PaPrincipal caller) {
        authorization.requireAdmin(caller, "pa.audit.verify", "audit-chain");
        return chain.sealAndVerify();
    }
}
