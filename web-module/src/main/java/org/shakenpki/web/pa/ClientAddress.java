package org.shakenpki.web.pa;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import org.shakenpki.pa.ClientSource;
import org.shakenpki.pa.PaSettings;

import java.util.Collections;

/**
 * The client source of the current request, for the STI-PA login throttle: the direct peer, or the
 * {@code X-Forwarded-For} address when the peer is one of {@code shakenpki.pa.login.trusted-proxies}
 * (comma-separated addresses, default none). See {@link ClientSource}.
 */
@RequestScoped
public class ClientAddress {

    @Inject
    HttpServletRequest request;

    @Inject
    PaSettings settings;

    public String source() {
        return ClientSource.of(request.getRemoteAddr(), Collections.list(request.getHeaders("X-Forwarded-For")),
                settings.trustedProxies());
    }
}
