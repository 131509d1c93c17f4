package org.shakenpki.it;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test-only stand-in for the STI-PA's certificate download ({@code /download/v1/certificate/<name>.crt}): serves
 * the token-signer certificate the test wrote under {@code <data-dir>/sti-pa/}, over the server's https port.
 */
@jakarta.ws.rs.Path("/it-sti-pa/{file}")
@RequestScoped
public class StiPaFiles {

    @Inject
    @ConfigProperty(name = "shakenpki.data-dir")
    String dataDir;

    @GET
    public Response file(@PathParam("file") String file) throws IOException {
        if (!file.matches("[a-z0-9-]+\\.crt")) {
            return Response.status(404).build();
        }
        Path path = Path.of(dataDir, "sti-pa", file);
        if (!Files.exists(path)) {
            return Response.status(404).build();
        }
        return Response.ok(Files.readString(path), "application/pem-certificate-chain").build();
    }
}
