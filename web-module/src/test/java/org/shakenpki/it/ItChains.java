package org.shakenpki.it;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test-only certificate repository of a foreign signer: serves the PEM chains the test wrote under
 * {@code <data-dir>/it-cr/} over the server's https port, as an STI-CR should (ATIS-1000074: PEM chain,
 * {@code Cache-Control: max-age=86400}).
 */
@jakarta.ws.rs.Path("/it-cr")
@RequestScoped
public class ItChains {

    @Inject
    @ConfigProperty(name = "shakenpki.data-dir")
    String dataDir;

    @GET
    @jakarta.ws.rs.Path("{file}")
    public Response file(@PathParam("file") String file) throws IOException {
        Path path = Path.of(dataDir, "it-cr", file);
        if (!file.matches("[a-z0-9-]+\\.pem") || !Files.exists(path)) {
            return Response.status(404).build();
        }
        CacheControl cache = new CacheControl();
        cache.setMaxAge(86_400);
        return Response.ok(Files.readString(path), "application/pem-certificate-chain").cacheControl(cache).build();
    }

    /** An attacker's x5u that redirects to a genuine chain: a verifier must not follow it. */
    @GET
    @jakarta.ws.rs.Path("redirect/{file}")
    public Response redirect(@PathParam("file") String file) {
        return Response.status(302).header("Location", "/it-cr/" + file).build();
    }

    /**
     * An attacker's x5u that trickles a genuine chain one byte every 200 ms: the verifier's fetch deadline must
     * end it, or each such PASSporT would hold a verifier thread for as long as the attacker likes.
     */
    @GET
    @jakarta.ws.rs.Path("slow/{file}")
    public Response slow(@PathParam("file") String file) throws IOException {
        Path path = Path.of(dataDir, "it-cr", file);
        if (!file.matches("[a-z0-9-]+\\.pem") || !Files.exists(path)) {
            return Response.status(404).build();
        }
        byte[] body = Files.readAllBytes(path);
        jakarta.ws.rs.core.StreamingOutput trickle = out -> {
            for (byte b : body) {
                out.write(b);
                out.flush();
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        };
        return Response.ok(trickle, "application/pem-certificate-chain").build();
    }
}
