package org.shakenpki.web.pa;

import org.shakenpki.config.Bearer;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import org.shakenpki.pa.Authentication;
import org.shakenpki.pa.PaPrincipal;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Reads the caller from the {@code Authorization} header of an STI-PA request. The deployed STI-PA API takes
 * the access token raw ({@code Authorization: <accessToken>}); a {@code Bearer } prefix (RFC 6750) is accepted
 * too, and HTTP Basic (RFC 7617) with a user's password serves scripts such as the launcher's admin commands
 * (throttled per client source as a login is). It establishes who calls, nothing more: what the caller may do
 * is decided by the EJBs it is passed to.
 */
@RequestScoped
public class Credentials {

    @Inject
    Authentication authentication;

    @Inject
    ClientAddress client;

    public PaPrincipal caller(HttpHeaders headers) {
        String value = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (value == null || value.isBlank()) {
            throw new ProblemException(ProblemType.UNAUTHENTICATED, "send the access token in the Authorization header");
        }
        String header = value.strip();
        if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
            String[] pair = decodeBasic(header.substring(6).strip());
            return authentication.authenticatePassword(pair[0], pair[1], client.source());
        }
        return authentication.authenticate(Bearer.credentialOrRaw(header));
    }

    private static String[] decodeBasic(String encoded) {
        try {
            String pair = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            if (colon > 0) {
                return new String[] {pair.substring(0, colon), pair.substring(colon + 1)};
            }
        } catch (IllegalArgumentException e) {
            // fall through to the same answer as a missing colon
        }
        throw new ProblemException(ProblemType.UNAUTHENTICATED, "malformed Basic credentials");
    }
}
