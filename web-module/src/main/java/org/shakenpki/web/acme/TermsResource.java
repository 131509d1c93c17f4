package org.shakenpki.web.acme;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The default terms of service named in the directory's {@code meta.termsOfService} (RFC 8555 section 7.1.1);
 * an operator points {@code shakenpki.ca.terms-of-service} at its own document instead.
 */
@Path("/acme/terms")
@RequestScoped
public class TermsResource {
    static final String TERMS = """
            Terms of service of this STI-CA

            Certificates are issued to STI Participants for STIR/SHAKEN under ATIS-1000080 and the US SHAKEN
            Certificate Policy (2.16.840.1.114569.1.1.4), only for the Service Provider Code of a valid SPC token
            of the STI Policy Administrator. The subscriber keeps its private key secret, uses the certificate
            only for SHAKEN signing, and revokes it (ACME revokeCert) when the key is compromised or the
            authorization ends. Revocations are reported to the STI-PA, which publishes them in its CRL.
            """;

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String terms() {
        return TERMS;
    }
}
