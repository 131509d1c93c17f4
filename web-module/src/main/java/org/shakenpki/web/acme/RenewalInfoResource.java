package org.shakenpki.web.acme;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.shakenpki.ca.CaSettings;
import org.shakenpki.ca.RenewalInfoService;
import org.shakenpki.ca.Views;

/**
 * The renewalInfo resource of ACME Renewal Information (RFC 9773 section 4.1): an unauthenticated GET of
 * {@code /acme/renewal-info/{certID}} answers the RenewalInfo object of a certificate this STI-CA issued (section 4.2)
 * with {@code Retry-After} in seconds (section 4.3); a malformed certID is a 400 {@code malformed} problem, an unknown
 * one a 404.
 */
@Path("/acme/renewal-info/{certId}")
@RequestScoped
public class RenewalInfoResource {

    @Inject
    CaSettings settings;

    @Inject
    RenewalInfoService renewalInfo;

    @Context
    UriInfo uriInfo;

    @PathParam("certId")
    String certId;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response renewalInfo() {
        AcmeUrls.of(uriInfo, settings); // the HTTPS rule of every ACME resource (RFC 8555 section 6.1)
        Views.RenewalInfo info = renewalInfo.renewalInfo(certId);
        long seconds = info.retryAfter().toSeconds();
        // public and unauthenticated: caches may keep it as long as clients are asked to wait (RFC 9773 section 8)
        return Response.ok(AcmeJson.renewalInfo(info)).header("Retry-After", seconds)
                .header("Cache-Control", "public, max-age=" + seconds).build();
    }
}
