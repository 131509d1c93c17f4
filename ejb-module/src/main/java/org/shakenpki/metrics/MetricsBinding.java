package org.shakenpki.metrics;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Binds {@link Metrics} to this deployment's application-scope metric registry when the application starts, and
 * unbinds it when the application stops, so that a redeployment never records into the registry of the previous one.
 */
@ApplicationScoped
public class MetricsBinding {

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    private RegistryRecorder bound;

    void bind(@Observes @Initialized(ApplicationScoped.class) Object started) {
        bound = new RegistryRecorder(registry);
        Metrics.bind(bound);
    }

    @PreDestroy
    void unbind() {
        Metrics.unbind(bound);
    }
}
