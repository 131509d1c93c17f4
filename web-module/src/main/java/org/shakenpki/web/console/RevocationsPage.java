package org.shakenpki.web.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.shakenpki.pa.RevocationRequest;
import org.shakenpki.pa.RevocationService;
import org.shakenpki.pa.Views;

import java.util.List;
import java.util.Optional;

/**
 * STI-PA administrator: the revocations and the CRL now published (RFC 5280 section 5: number, this and next
 * update, entries), and a revocation by issuer and serial number ({@link RevocationService}).
 */
@Named
@RequestScoped
public class RevocationsPage {

    @Inject
    RevocationService revocations;

    @Inject
    Caller caller;

    private List<Views.Revoked> entries;
    private Optional<Views.CrlStatus> crl;
    private String issuer;
    private String serial;
    private String reason = "keyCompromise";

    /** Loads the page (a GET): a refusal by the EJB becomes the error page with its status. */
    public void load() {
        getEntries();
    }

    public List<Views.Revoked> getEntries() {
        if (entries == null) {
            entries = revocations.list(caller.principal());
        }
        return entries;
    }

    public Views.CrlStatus getCrl() {
        if (crl == null) {
            crl = revocations.currentCrl(caller.principal());
        }
        return crl.orElse(null);
    }

    public String[] getReasons() {
        return Reasons.NAMES;
    }

    public void revoke() {
        if (Messages.attempt(() -> {
            RevocationService.Result result = revocations.revoke(caller.principal(),
                    new RevocationRequest(null, issuer, serial, reason));
            return result.newlyRevoked() ? "Serial " + result.serialHex() + " revoked; CRL " + result.crlNumber()
                    : "Serial " + result.serialHex() + " was already on the CRL";
        })) {
            serial = null;
        }
        entries = null;
        crl = null;
    }

    public String getIssuer() {
        return issuer;
    }

    public void setIssuer(String issuer) {
        this.issuer = issuer;
    }

    public String getSerial() {
        return serial;
    }

    public void setSerial(String serial) {
        this.serial = serial;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }
}
