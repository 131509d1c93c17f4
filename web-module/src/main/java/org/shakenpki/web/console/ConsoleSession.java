package org.shakenpki.web.console;

import jakarta.enterprise.context.SessionScoped;
import jakarta.inject.Named;
import org.shakenpki.config.Role;
import org.shakenpki.pa.PaPrincipal;
import org.shakenpki.pa.UserRole;

import java.io.Serializable;
import java.util.EnumMap;
import java.util.Map;

/**
 * Who logged in to this console session (the container's HTTP session). It holds the user id only for finding the
 * user again ({@link Caller}) and the role and account for the navigation; it grants nothing by itself.
 *
 * <p>For the roles administered with an admin token (SP-KMS, STI-AS, STI-CA, STI-VS), it holds the token the operator
 * logged in with ({@link RoleLoginPage}), on the server only: the page beans pass it to the role's EJBs with every
 * call, and the EJBs check it (a token changed on disk since the login is refused at once).
 */
@Named
@SessionScoped
public class ConsoleSession implements Serializable {
    private static final long serialVersionUID = 1L;

    private String userId;
    private UserRole role;
    private String accountId;
    private final Map<Role, String> adminTokens = new EnumMap<>(Role.class);

    void start(PaPrincipal principal) {
        this.userId = principal.userId();
        this.role = principal.role();
        this.accountId = principal.accountId();
    }

    /** Whether an STI-PA user logged in. */
    public boolean loggedIn() {
        return userId != null;
    }

    void startRole(Role role, String token) {
        adminTokens.put(role, token);
    }

    /** The admin token the operator logged in to {@code role} with, or null. */
    String adminToken(Role role) {
        return adminTokens.get(role);
    }

    /** Whether the operator logged in to {@code role} with its admin token. */
    public boolean in(Role role) {
        return adminTokens.containsKey(role);
    }

    /** Whether anyone logged in to this session at all (an STI-PA user or a role's admin token). */
    public boolean anyLogin() {
        return loggedIn() || !adminTokens.isEmpty();
    }

    public boolean isKms() {
        return in(Role.KMS);
    }

    public boolean isAs() {
        return in(Role.AS);
    }

    public boolean isCa() {
        return in(Role.CA);
    }

    public boolean isVs() {
        return in(Role.VS);
    }

    public String getUserId() {
        return userId;
    }

    public String getAccountId() {
        return accountId;
    }

    public boolean isAdmin() {
        return role == UserRole.ADMIN;
    }

    public boolean isProvider() {
        return role == UserRole.SP_ADMIN;
    }
}
