package org.shakenpki.web.acme;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.shakenpki.ca.CaSettings;
import org.shakenpki.ca.CertificateService;

/** Certificate download (RFC 8555 section 7.4.2): the PEM chain, leaf first. */
@Path("/acme/cert/{id}")
@RequestScoped
public class CertificateResource {

    @Inject
    CaSettings settings;

    @Context
    UriInfo uriInfo;

    public static final String PEM_CHAIN = "application/pem-certificate-chain";

    @Inject
    CertificateService certificates;

    @PathParam("id")
    String id;

    @POST
    @Consumes(AcmeUrls.JOSE_JSON)
    @Produces({PEM_CHAIN, MediaType.WILDCARD})
    public Response certificate(String body) {
        AcmeUrls urls = AcmeUrls.of(uriInfo, settings);
        return Response.ok(certificates.download(urls.request(body), id), PEM_CHAIN).build();
    }
}
