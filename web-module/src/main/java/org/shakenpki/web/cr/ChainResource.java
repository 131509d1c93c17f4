package org.shakenpki.web.cr;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Context;
import org.shakenpki.cr.ChainRepository;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

/**
 * The STI-CR (ATIS-1000080 section 5.3.3; the CA-hosted certificate URL of RFC 9448 section 7): a plain GET of
 * a chain URL gives the PEM chain, leaf first, cacheable for a day with an ETag; an unknown name is 404.
 */
@Path("/sti-cr/{name}.pem")
@RequestScoped
public class ChainResource {
    public static final String PEM_CHAIN = "application/pem-certificate-chain";
    /** Chains never change once published. */
    private static final String CACHE = "public, max-age=86400";

    @Inject
    ChainRepository chains;

    @GET
    @Produces({PEM_CHAIN, MediaType.WILDCARD})
    public Response chain(@PathParam("name") String name, @Context Request request) {
        ChainRepository.Chain chain = chains.find(name)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "no certificate chain at this URL"));
        EntityTag etag = new EntityTag(chain.etag().replace("\"", ""));
        Response.ResponseBuilder notModified = request.evaluatePreconditions(etag);
        if (notModified != null) {
            return notModified.header("Cache-Control", CACHE).build();
        }
        return Response.ok(chain.pem(), PEM_CHAIN).tag(etag).header("Cache-Control", CACHE).build();
    }
}
