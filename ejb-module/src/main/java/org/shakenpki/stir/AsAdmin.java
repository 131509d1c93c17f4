package org.shakenpki.stir;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import org.shakenpki.config.AdminToken;
import org.shakenpki.config.AdminTokenLogins;
import org.shakenpki.problem.ProblemException;

/**
 * The STI-AS administrator's credential: a bearer token in {@code shakenpki.as.admin-token-file} (default
 * {@code <data-dir>/as/admin.token}), generated at first start, readable only by its owner. It manages the API
 * keys signing requests are authenticated with ({@link ApiKeyAdministration}); the STI-AS belongs to the service
 * provider, not to the STI-PA, so it has a secret of its own rather than STI-PA users ({@link AdminToken}).
 */
@Singleton
@Startup
@DependsOn("SettingsCheck")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class AsAdmin {
    @Inject
    AsSettings settings;

    @Inject
    AdminTokenLogins logins;

    private volatile AdminToken token;

    @PostConstruct
    void start() {
        token = AdminToken.forRole(settings.enabled(), settings.adminTokenFile(), "STI-AS");
    }

    /**
     * Checks an {@code Authorization} header value ({@code Bearer <token>}) in constant time.
     *
     * @throws ProblemException UNAUTHENTICATED if it is not the admin token
     */
    public void check(String authorization) {
        AdminToken.require(token, authorization, "the STI-AS administration API");
    }

    /**
     * A console login with the admin token (docs/console.md): checked as {@link #check}, audited and throttled per
     * client source ({@link AdminTokenLogins}).
     */
    public void consoleLogin(String presented, String source) {
        logins.login("STI-AS", this::check, presented, source);
    }
}
