package org.shakenpki.kms;

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
 * The SP-KMS administrator's credential: a bearer token in {@code shakenpki.kms.admin-token-file} (default
 * {@code <data-dir>/kms/admin.token}), generated at first start and readable only by its owner. The SP-KMS
 * belongs to a service provider, not to the STI-PA, so it has its own secret rather than STI-PA users
 * ({@link AdminToken}).
 */
@Singleton
@Startup
@DependsOn("SettingsCheck")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class KmsAdmin {
    @Inject
    KmsSettings settings;

    @Inject
    AdminTokenLogins logins;

    private volatile AdminToken token;

    @PostConstruct
    void start() {
        token = AdminToken.forRole(settings.enabled(), settings.adminTokenFile(), "SP-KMS");
    }

    /**
     * Checks an {@code Authorization} header value ({@code Bearer <token>}) in constant time.
     *
     * @throws ProblemException UNAUTHENTICATED if it is not the admin token
     */
    public void check(String authorization) {
        AdminToken.require(token, authorization, "the SP-KMS API");
    }

    /**
     * A console login with the admin token (docs/console.md): checked as {@link #check}, audited and throttled per
     * client source ({@link AdminTokenLogins}).
     */
    public void consoleLogin(String presented, String source) {
        logins.login("SP-KMS", this::check, presented, source);
    }
}
