package org.shakenpki.web.acme;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.shakenpki.ca.CaSettings;
import org.shakenpki.ca.CertificateService;

/** ACME revokeCert (RFC 8555 section 7.6), by the issuing account or the certificate key. */
@Path("/acme/revoke-cert")
@RequestScoped
public class RevokeCertResource {

    @Inject
    CaSettings settings;

    @Context
    UriInfo uriInfo;

    @Inject
    CertificateService certificates;

    @POST
    @Consumes(AcmeUrls.JOSE_JSON)
    public Response revoke(String body) {
        AcmeUrls urls = AcmeUrls.of(uriInfo, settings);
        certificates.revoke(urls.request(body));
        return Response.ok().build();
    }
}
