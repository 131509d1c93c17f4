package org.shakenpki.bench;

import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.challenge.Challenge;
import org.shredzone.acme4j.toolbox.JSON;
import org.shredzone.acme4j.toolbox.JSONBuilder;

/** The tkauth-01 challenge of RFC 9448 section 4: the response carries the SPC token as {@code tkauth}. */
public class BenchTkAuthChallenge extends Challenge {
    private static final long serialVersionUID = 1L;
    /** The challenge type (RFC 9447 section 6.1). */
    public static final String TYPE = "tkauth-01";

    private String token;

    BenchTkAuthChallenge(Login login, JSON data) {
        super(login, data);
    }

    void setToken(String token) {
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
