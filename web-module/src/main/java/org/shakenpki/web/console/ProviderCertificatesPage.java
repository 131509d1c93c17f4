package org.shakenpki.web.console;

import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.faces.view.ViewScoped;
import org.shakenpki.pa.ProviderPortal;
import org.shakenpki.pa.RevocationService;
import org.shakenpki.pa.Views;

import java.util.List;

/**
 * Provider portal: the SPC tokens issued to the account and the certificates that carry its SPCs, and the
 * revocation of one of them on the STI-PA CRL (STI-PA test plan TC-022) through {@link ProviderPortal}.
 */
@Named
@ViewScoped
public class ProviderCertificatesPage implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    @Inject
    ProviderPortal portal;

    @Inject
    Caller caller;

    private String account;
    private transient List<Views.IssuedToken> tokens;
    private transient List<ProviderPortal.Certificate> certificates;
    private String reason = "keyCompromise";

    public void load() {
        getTokens();
        getCertificates();
    }

    public List<Views.IssuedToken> getTokens() {
        if (tokens == null) {
            tokens = portal.tokens(caller.principal(), account);
        }
        return tokens;
    }

    public List<ProviderPortal.Certificate> getCertificates() {
        if (certificates == null) {
            certificates = portal.certificates(caller.principal(), account);
        }
        return certificates;
    }

    public String[] getReasons() {
        return Reasons.NAMES;
    }

    public void revoke(String certificateId) {
        Messages.attempt(() -> {
            RevocationService.Result result = portal.revoke(caller.principal(), account, certificateId, reason);
            return "Certificate " + result.serialHex() + (result.newlyRevoked() ? " revoked; CRL " + result.crlNumber()
                    : " was already on the CRL");
        });
        certificates = null;
    }

    public String getAccount() {
        return account;
    }

    public void setAccount(String account) {
        this.account = account;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }
}
