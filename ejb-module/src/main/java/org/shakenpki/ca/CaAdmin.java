package org.shakenpki.ca;

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
 * The STI-CA administrator's credential: a bearer token in {@code shakenpki.ca.admin-token-file} (default
 * {@code <data-dir>/ca/admin.token}), generated at first start and readable only by its owner ({@link AdminToken}). It
 * opens the subscriber administration ({@link SubscriberManagement}), which the STI-CA's operator runs, not the
 * STI-PA, so it is a secret of its own rather than an STI-PA user.
 */
@Singleton
@Startup
@DependsOn("SettingsCheck")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class CaAdmin {
    @Inject
    CaSettings settings;

    @Inject
    AdminTokenLogins logins;

    private volatile AdminToken token;

    @PostConstruct
    void start() {
        token = AdminToken.forRole(settings.enabled(), settings.adminTokenFile(), "STI-CA");
    }

    /**
     * Checks an {@code Authorization} header value ({@code Bearer <token>}) in constant time.
     *
     * @throws ProblemException UNAUTHENTICATED if it is not the admin token
     */
    public void check(String authorization) {
        AdminToken.require(token, authorization, "the STI-CA admin API");
    }

    /**
     * A console login with the admin token (docs/console.md): checked as {@link #check}, audited and throttled per
     * client source ({@link AdminTokenLogins}).
     */
    public void consoleLogin(String presented, String source) {
        logins.login("STI-CA", this::check, presented, source);
    }
}
