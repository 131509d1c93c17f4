package org.shakenpki.web.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.shakenpki.kms.CredentialManagement;
import org.shakenpki.kms.CrlWatchStatus;
import org.shakenpki.kms.KmsSettings;
import org.shakenpki.kms.Views;
import org.shakenpki.persistence.DatabaseMigration;

/**
 * The SP-KMS on {@code /health}: how many credentials are in each state, each one whose last attempt
 * failed, with the error, each one whose certificate the STI-PA CRL lists, and this node's last CRL check
 * (with its warning when the CRL could not be verified). A failing credential does not make the server unready (the other credentials and
 * roles still work), so the check stays up and the failures are in its data for monitoring to alert on.
 */
@Readiness
@ApplicationScoped
public class KmsHealthCheck implements HealthCheck {

    @Inject
    CredentialManagement credentials;

    @Inject
    KmsSettings settings;

    @Inject
    CrlWatchStatus crlWatch;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("sp-kms").up();
        if (!settings.enabled()) {
            // MicroProfile Health has no way to leave a check out; this one says only that the role is off
            return response.withData("enabled", false).build();
        }
        if (!DatabaseMigration.schemaReady()) {
            // during start-up: the credentials' table may not be there yet (not ready, and no exception in the log)
            return HealthCheckResponse.named("sp-kms").down().withData("schema", "not migrated yet").build();
        }
        java.util.Map<String, Long> states = new java.util.TreeMap<>();
        int failing = 0;
        for (Views.Credential credential : credentials.list()) {
            states.merge(credential.state().name().toLowerCase(java.util.Locale.ROOT), 1L, Long::sum);
            if (credential.revokedOnCrlAt() != null) {
                response.withData("revokedOnCrl." + credential.spc(), credential.revokedOnCrlAt().toString());
            }
            if (credential.renewalWindow() != null && !credential.renewalWindow().end().isAfter(java.time.OffsetDateTime.now())) {
                // the STI-CA asked for a replacement at once (RFC 9773): shown until the replacement is there
                response.withData("replacementRequested." + credential.spc(), credential.renewalWindow().end().toString());
            }
            if (credential.lastError() != null) {
                failing++;
                response.withData("failing." + credential.spc(), credential.state() + ": " + credential.lastError());
            }
        }
        states.forEach(response::withData);
        crlWatch.last().ifPresent(last -> {
            response.withData("crlCheckedAt", last.at().toString()).withData("crlVerified", last.verified());
            if (last.warning() != null) {
                response.withData("crlWarning", last.warning());
            }
        });
        return response.withData("failing", failing).build();
    }
}
