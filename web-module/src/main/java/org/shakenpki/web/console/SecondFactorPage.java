package org.shakenpki.web.console;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.shakenpki.pa.Authentication;

import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Any console user: turns on a second factor (RFC 6238 TOTP). The STI-PA makes a secret, the page shows it (and
 * the {@code otpauth://} URI authenticator apps take) for as long as the page is open, and the user proves with a
 * current code that the app has it ({@link Authentication#enableSecondFactor}). Nothing is stored before that.
 */
@Named
@ViewScoped
public class SecondFactorPage implements Serializable {
    private static final long serialVersionUID = 1L;

    @Inject
    Authentication authentication;

    @Inject
    Caller caller;

    @Inject
    ConsoleSession session;

    private String secret;
    private String code;

    public boolean isEnabled() {
        return authentication.hasSecondFactor(caller.principal());
    }

    public void start() {
        secret = authentication.newSecondFactorSecret(caller.principal());
    }

    public void enable() {
        if (Messages.attempt(() -> {
            authentication.enableSecondFactor(caller.principal(), secret, code);
            return "Second factor on: from now on you log in with a one-time code as well";
        })) {
            secret = null;
        }
        code = null;
    }

    /** The pending secret (base32), or null. */
    public String getSecret() {
        return secret;
    }

    /** What authenticator apps read (Key Uri Format): issuer, account and the secret; SHA-1, 6 digits, 30 s. */
    public String getUri() {
        String label = URLEncoder.encode("shaken-pki:" + session.getUserId(), StandardCharsets.UTF_8);
        return secret == null ? null : "otpauth://totp/" + label + "?secret=" + secret + "&issuer=shaken-pki";
    }

    public String getCode() {
        return code;
    }

    public void setCode(String code) {
        this.code = code;
    }
}
