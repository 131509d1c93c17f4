package org.shakenpki.kms;

import org.shakenpki.pkix.TkAuth;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.challenge.Challenge;
import org.shredzone.acme4j.toolbox.JSON;
import org.shredzone.acme4j.toolbox.JSONBuilder;

/**
 * The tkauth-01 challenge of RFC 9448 section 4 for acme4j: the response is the Authority Token (here the
 * SPC token) under {@code tkauth}, or under the key a deployed CA expects instead ({@code atc}).
 */
public class TkAuthChallenge extends Challenge {
    private static final long serialVersionUID = 1L;
    /** The challenge type (RFC 9447 section 6.1). */
    public static final String TYPE = TkAuth.CHALLENGE_TYPE;

    private final String responseKey;
    private String authorityToken;

    /** A challenge answered under {@code tkauth}, the member RFC 9448 section 4 defines. */
    public TkAuthChallenge(Login login, JSON data) {
        this(login, data, "tkauth");
    }

    /** A challenge answered under {@code responseKey}, for an STI-CA that expects {@code atc} or {@code ATC}. */
    public TkAuthChallenge(Login login, JSON data, String responseKey) {
        super(login, data);
        this.responseKey = responseKey;
    }

    /** The {@code tkauth-type}; {@code atc} is the only registered one (RFC 9447 section 6.3). */
    public String tkauthType() {
        return getJSON().get("tkauth-type").optional().map(JSON.Value::asString).orElse("");
    }

    /** Sets the Authority Token to answer with. */
    public void setAuthorityToken(String token) {
        this.authorityToken = token;
    }

    @Override
    protected boolean acceptable(String type) {
        return TYPE.equals(type);
    }

    @Override
    protected void prepareResponse(JSONBuilder response) {
        super.prepareResponse(response);
        if (authorityToken == null) {
            throw new IllegalStateException("no Authority Token set for the tkauth-01 response");
        }
        response.put(responseKey, authorityToken);
    }
}
