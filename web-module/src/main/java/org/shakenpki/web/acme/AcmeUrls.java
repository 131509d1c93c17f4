package org.shakenpki.web.acme;

import jakarta.ws.rs.core.UriInfo;
import org.shakenpki.ca.AcmeRequest;
import org.shakenpki.ca.CaSettings;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.net.URI;

/**
 * The absolute URLs of the ACME resources (RFC 8555 section 7.1), built from the URL the client used, so that
 * the {@code url} a client signs (section 6.4) is the URL the server sees. ACME is refused over plain HTTP
 * unless {@code shakenpki.ca.allow-http} is set (section 6.1).
 */
public final class AcmeUrls {
    public static final String JOSE_JSON = "application/jose+json";

    private final String base;
    private final URI request;

    private AcmeUrls(String base, URI request) {
        this.base = base;
        this.request = request;
    }

    public static AcmeUrls of(UriInfo uriInfo, CaSettings settings) {
        URI request = uriInfo.getRequestUri();
        if (!"https".equalsIgnoreCase(request.getScheme()) && !settings.allowHttp()) {
            throw new ProblemException(ProblemType.FORBIDDEN, "ACME is served over HTTPS only");
        }
        String base = uriInfo.getBaseUri().toString().replaceAll("/+$", "");
        return new AcmeUrls(base + "/acme", request);
    }

    /** The request as the EJB tier checks it. */
    public AcmeRequest request(String body) {
        return new AcmeRequest(body, request.toString(), base + "/acct/");
    }

    public String directory() {
        return base + "/directory";
    }

    public String path(String path) {
        return base + "/" + path;
    }

    public String account(String id) {
        return base + "/acct/" + id;
    }

    public String order(String id) {
        return base + "/order/" + id;
    }

    public String authorization(String id) {
        return base + "/authz/" + id;
    }

    public String challenge(String id) {
        return base + "/chall/" + id;
    }

    public String certificate(String id) {
        return base + "/cert/" + id;
    }
}
