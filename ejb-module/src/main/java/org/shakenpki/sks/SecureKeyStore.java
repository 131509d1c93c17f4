package org.shakenpki.sks;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.shakenpki.config.Roles;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Secure Key Store: the PKCS#11 tokens of the roles this deployment runs, opened at start-up.
 *
 * <p>The tokens opened are those the enabled roles use ({@link Roles#tokens()}: {@code pa} for the STI-PA,
 * {@code ca} for the STI-CA, {@code kms} for the SP-KMS and the STI-AS), so a server that runs only some roles
 * needs only their tokens; {@code sks.roles} is no longer read. Each token is configured as {@link TokenSettings}
 * describes. A token that cannot be opened does not stop the deployment: it is reported
 * offline by {@link #status()} and opening is tried again on the next use, so an HSM that comes back (or
 * whose PIN was fixed) is picked up without a restart.
 */
@Singleton
@Startup
@DependsOn("SettingsCheck")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class SecureKeyStore {
    private static final Logger LOG = Logger.getLogger(SecureKeyStore.class.getName());

    @Inject
    Config config;

    @Inject
    Roles enabledRoles;

    private final Map<String, KeyStoreToken> open = new ConcurrentHashMap<>();
    private final Map<String, TokenStatus> failed = new ConcurrentHashMap<>();
    private List<String> roles = List.of();

    @PostConstruct
    void openAll() {
        roles = List.copyOf(enabledRoles.tokens());
        roles.forEach(this::tryOpen);
    }

    /** The tokens this deployment opens (named after the roles that own them), sorted. */
    public List<String> roles() {
        return roles;
    }

    /**
     * The open token of a role.
     *
     * @throws ProblemException SERVICE_UNAVAILABLE if the token cannot be opened, NOT_FOUND for a token no enabled
     *                          role uses
     */
    public KeyStoreToken token(String role) {
        KeyStoreToken token = open.get(role);
        if (token != null) {
            return token;
        }
        if (!roles.contains(role)) {
            throw new ProblemException(ProblemType.NOT_FOUND, "no key store token for role " + role);
        }
        token = tryOpen(role);
        if (token == null) {
            throw new ProblemException(ProblemType.SERVICE_UNAVAILABLE, "the " + role + " key store is unavailable");
        }
        return token;
    }

    /** The state of every token this deployment opens, in {@link #roles()} order. */
    public List<TokenStatus> status() {
        List<TokenStatus> result = new ArrayList<>();
        for (String role : roles) {
            KeyStoreToken token = open.get(role);
            result.add(token != null ? token.status() : failed.get(role));
        }
        return result;
    }

    private synchronized KeyStoreToken tryOpen(String role) {
        KeyStoreToken existing = open.get(role);
        if (existing != null) {
            return existing;
        }
        String label = config.getOptionalValue("sks." + role + ".label", String.class).orElse("shaken-" + role);
        try {
            Pkcs11Token token = Pkcs11Token.open(TokenSettings.fromConfig(config, role));
            open.put(role, token);
            failed.remove(role);
            LOG.info(() -> "opened key store token " + label + " for role " + role);
            return token;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "key store token " + label + " for role " + role + " is unavailable", e);
            failed.put(role, TokenStatus.offline(role, label, -1, e.getMessage()));
            return null;
        }
    }
}
