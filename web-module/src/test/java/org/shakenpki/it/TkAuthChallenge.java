package org.shakenpki.it;

import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.challenge.Challenge;
import org.shredzone.acme4j.toolbox.JSON;
import org.shredzone.acme4j.toolbox.JSONBuilder;

/** The tkauth-01 challenge of RFC 9448 section 4 for acme4j: the response carries the SPC token as {@code tkauth}. */
public class TkAuthChallenge extends Challenge {
    public static final String TYPE = "tkauth-01";

    private String token;

    public TkAuthChallenge(Login login, JSON data) {
        super(login, data);
    }

    public void setToken(String token) {
        this.token = token;
    }

    @Override
    protected boolean acceptable(String type) {
        return TYPE.equals(type);
    }

    @Override
    protected void prepareResponse(JSONBuilder response) {
        super.prepareResponse(response);
        response.put("tkauth", token);
    }
}
