package org.shakenpki.web.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.shakenpki.audit.AuditEntry;
import org.shakenpki.audit.ChainVerification;
import org.shakenpki.pa.PaAuditTrail;

import java.util.List;

/** STI-PA administrator: the newest audit records and the check of the audit hash chain ({@link PaAuditTrail}). */
@Named
@RequestScoped
public class AuditPage {
    private static final int SHOWN = 100;

    @Inject
    PaAuditTrail trail;

    @Inject
    Caller caller;

    private List<AuditEntry> entries;
    private ChainVerification verification;

    /** Loads the page (a GET): a refusal by the EJB becomes the error page with its status. */
    public void load() {
        getEntries();
    }

    public List<AuditEntry> getEntries() {
        if (entries == null) {
            entries = trail.latest(caller.principal(), null, SHOWN);
        }
        return entries;
    }

    public void verify() {
        verification = trail.sealAndVerify(caller.principal());
        entries = null;
    }

    /** The result of the last check in this request, or null before one. */
    public ChainVerification getVerification() {
        return verification;
    }
}
