package org.shakenpki.web.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.shakenpki.sks.KeyStoreStatus;
import org.shakenpki.sks.TokenStatus;

/**
 * Reports each HSM token (one per role) on {@code /health} (MicroProfile Health): up only when every
 * configured token answers. Data per role: {@code <role>} = online|offline, its label, slot and key count,
 * or the reason it is offline.
 */
@Readiness
@ApplicationScoped
public class KeyStoreHealthCheck implements HealthCheck {

    @Inject
    KeyStoreStatus keyStore;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("hsm-tokens").up();
        for (TokenStatus token : keyStore.tokens()) {
            String role = token.role();
            response.withData(role, token.online() ? "online" : "offline")
                    .withData(role + ".label", token.label())
                    .withData(role + ".slot", token.slot());
            if (token.online()) {
                response.withData(role + ".keys", token.keyCount());
            } else {
                response.withData(role + ".reason", token.detail()).down();
            }
        }
        return response.build();
    }
}
