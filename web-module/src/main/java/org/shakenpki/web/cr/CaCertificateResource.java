package org.shakenpki.web.cr;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.shakenpki.ca.CaCertificates;
import org.shakenpki.pkix.Pem;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.security.cert.X509Certificate;

/**
 * The STI-CA's own certificates, for relying parties and for the STI-PA's list of trusted STI-CAs
 * (ATIS-1000080 section 6.3.4): {@code /sti-ca/root.pem} and {@code /sti-ca/intermediate.pem}.
 */
@Path("/sti-ca/{name}.pem")
@RequestScoped
public class CaCertificateResource {

    @Inject
    CaCertificates certificates;

    @GET
    @Produces({"application/x-pem-file", MediaType.WILDCARD})
    public Response certificate(@PathParam("name") String name) {
        X509Certificate certificate = switch (name) {
            case "root" -> certificates.root();
            case "intermediate" -> certificates.intermediate();
            default -> throw new ProblemException(ProblemType.NOT_FOUND, "no CA certificate of this name");
        };
        return Response.ok(Pem.encode(certificate), "application/x-pem-file").header("Cache-Control", "public, max-age=3600").build();
    }
}
