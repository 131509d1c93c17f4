package org.shakenpki.web.acme;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import org.shakenpki.ca.CaSettings;
import org.shakenpki.ca.NonceSupply;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The headers every ACME response carries (RFC 8555 section 6.5 and 7.1): a fresh {@code Replay-Nonce} on
 * every response to a POST and to newNonce, errors included; {@code Link: <directory>;rel="index"};
 * {@code Cache-Control: no-store}, as ACME resources are per-request views, except a RenewalInfo object, which is
 * the same for everyone and which RFC 9773 section 8 wants cacheable (its resource sets the lifetime). Where no STI-CA runs, the 404 of
 * {@link org.shakenpki.web.RoleGate} carries none of them (and mints no nonce).
 */
@Provider
public class AcmeHeaders implements ContainerResponseFilter {
    private static final Logger LOG = Logger.getLogger(AcmeHeaders.class.getName());

    @Inject
    NonceSupply nonces;

    @Inject
    CaSettings ca;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("acme/") && !path.startsWith("/acme/") || !ca.enabled()) {
            return;
        }
        boolean newNonce = path.endsWith("/new-nonce");
        if ("POST".equals(request.getMethod()) || newNonce) {
            try {
                response.getHeaders().putSingle("Replay-Nonce", nonces.next());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "no nonce could be issued", e);
            }
        }
        if (!path.endsWith("/directory")) {
            String base = request.getUriInfo().getBaseUri().toString().replaceAll("/+$", "");
            response.getHeaders().add("Link", "<" + base + "/acme/directory>;rel=\"index\"");
        }
        if (!path.contains("/renewal-info/") || response.getStatus() != 200) {
            response.getHeaders().putSingle("Cache-Control", "no-store");
        }
    }
}
