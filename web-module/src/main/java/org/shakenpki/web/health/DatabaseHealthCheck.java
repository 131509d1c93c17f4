package org.shakenpki.web.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.shakenpki.persistence.DatabaseStatus;

/** Reports on {@code /health} whether the application's database answers, and which one it is. */
@Readiness
@ApplicationScoped
public class DatabaseHealthCheck implements HealthCheck {

    @Inject
    DatabaseStatus database;

    @Override
    public HealthCheckResponse call() {
        DatabaseStatus.State state = database.check();
        return HealthCheckResponse.named("database")
                .status(state.up())
                .withData("database", state.up() ? state.product() : "unavailable")
                .withData("detail", state.detail())
                .build();
    }
}
