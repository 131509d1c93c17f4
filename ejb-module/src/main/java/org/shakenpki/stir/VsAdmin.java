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
 * The STI-VS operator's credential: a bearer token in {@code shakenpki.vs.admin-token-file} (default
 * {@code <data-dir>/vs/admin.token}), generated at first start, readable only by its owner ({@link AdminToken}). It
 * opens the STI-VS console pages (verification counts, the x5u cache: {@link VsConsole}); the STI-VS belongs to the
 * terminating service provider, not to the STI-PA, so it has a secret of its own rather than STI-PA users.
 */
@Singleton
@Startup
@DependsOn("SettingsCheck")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class VsAdmin {
    @Inject
    VsSettings settings;

    @Inject
    AdminTokenLogins logins;

    private volatile AdminToken token;

    @PostConstruct
    void start() {
        token = AdminToken.forRole(settings.enabled(), settings.adminTokenFile(), "STI-VS");
    }

    /**
     * Checks an {@code Authorization} header value ({@code Bearer <token>}, or the token alone) in constant time.
     *
     * @throws ProblemException UNAUTHENTICATED if it is not the admin token
     */
    public void check(String authorization) {
        AdminToken.require(token, authorization, "the STI-VS console");
    }

    /** A console login with the admin token, audited and throttled per client source ({@link AdminTokenLogins}). */
    public void consoleLogin(String presented, String source) {
        logins.login("STI-VS", this::check, presented, source);
    }
}
