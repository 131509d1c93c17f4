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
 * Test-only Rich Call Data host: serves the logos the test wrote under {@code <data-dir>/it-rcd/} over the
 * server's https port, with {@code Cache-Control: no-store}, so that a logo the test replaces after signing is what
 * the STI-VS fetches next (RFC 9795 {@code icn}).
 */
@jakarta.ws.rs.Path("/it-rcd")
@RequestScoped
public class ItRcd {

    @Inject
    @ConfigProperty(name = "shakenpki.data-dir")
    String dataDir;

    @GET
    @jakarta.ws.rs.Path("{file}")
    public Response file(@PathParam("file") String file) throws IOException {
        Path path = Path.of(dataDir, "it-rcd", file);
        if (!file.matches("[a-z0-9-]+\\.png") || !Files.exists(path)) {
            return Response.status(404).build();
        }
        return Response.ok(Files.readAllBytes(path), "image/png").header("Cache-Control", "no-store").build();
    }
}
