package org.shakenpki.web.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.shakenpki.config.Role;
import org.shakenpki.kms.KmsConsole;
import org.shakenpki.kms.Views;

import java.util.List;

/**
 * SP-KMS operator: the credentials (ATIS-1000080 section 5: one STI certificate and key per SPC) with state, expiry,
 * renewal date and last error; one credential's history (replaced certificates and keys) and webhook deliveries;
 * renew now and revoke ({@link KmsConsole}, which checks the SP-KMS admin token of the session).
 */
@Named
@RequestScoped
public class KmsCredentialsPage {

    @Inject
    KmsConsole kms;

    @Inject
    RoleToken token;

    private List<Views.Credential> credentials;
    private Views.Detail detail;
    private String spc;
    private String reason = "superseded";

    /** Loads the page (a GET): a refusal becomes the error page with its status. */
    public void load() {
        getCredentials();
        getDetail();
    }

    public List<Views.Credential> getCredentials() {
        if (credentials == null) {
            credentials = kms.list(token.of(Role.KMS));
        }
        return credentials;
    }

    /** The credential chosen with {@code ?spc=}, or null. */
    public Views.Detail getDetail() {
        if (detail == null && spc != null && !spc.isBlank()) {
            detail = kms.show(token.of(Role.KMS), spc);
        }
        return detail;
    }

    public void renew(String spcToRenew) {
        Messages.attempt(() -> {
            Views.Detail renewed = kms.renew(token.of(Role.KMS), spcToRenew);
            return "Renewal of SPC " + spcToRenew + " started (state " + renewed.credential().state() + ")";
        });
        credentials = null;
        detail = null;
    }

    public void revoke(String spcToRevoke) {
        Messages.attempt(() -> {
            kms.revoke(token.of(Role.KMS), spcToRevoke, reason);
            return "Credential of SPC " + spcToRevoke + " revoked at the STI-CA";
        });
        credentials = null;
        detail = null;
    }

    public String[] getReasons() {
        return new String[] {"superseded", "keyCompromise", "cessationOfOperation", "affiliationChanged", "unspecified"};
    }

    public String getSpc() {
        return spc;
    }

    public void setSpc(String spc) {
        this.spc = spc;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }
}
