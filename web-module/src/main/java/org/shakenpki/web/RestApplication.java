package org.shakenpki.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import java.util.Map;

/**
 * The JAX-RS application, at the root of the context: the STI-PA API ({@code /api/v1}, {@code /download/v1}),
 * ACME ({@code /acme}), the STI-CR and the STI-AS/VS each keep the paths deployed clients expect.
 *
 * <p>Jersey's generated WADL is off: it answered any OPTIONS request with an XML description of every resource
 * and the Jersey version, none of which a client of these APIs needs.
 */
@ApplicationPath("/")
public class RestApplication extends Application {

    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.wadl.disableWadl", true);
    }
}
