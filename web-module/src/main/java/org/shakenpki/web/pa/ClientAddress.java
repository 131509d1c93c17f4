package org.shakenpki.web.pa;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.shakenpki.pa.ClientSource;

import java.util.Arrays;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

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
    @ConfigProperty(name = "shakenpki.pa.login.trusted-proxies")
    Optional<String> trustedProxies;

    public String source() {
        Set<String> trusted = trustedProxies.map(list -> Arrays.stream(list.split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).collect(Collectors.toSet())).orElse(Set.of());
        return ClientSource.of(request.getRemoteAddr(), Collections.list(request.getHeaders("X-Forwarded-For")), trusted);
    }
}
