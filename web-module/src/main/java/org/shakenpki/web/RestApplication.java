package org.shakenpki.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The JAX-RS application, at the root of the context: the STI-PA API ({@code /api/v1}, {@code /download/v1}),
 * ACME ({@code /acme}), the STI-CR and the STI-AS/VS each keep the paths deployed clients expect.
 */
@ApplicationPath("/")
public class RestApplication extends Application {
}
