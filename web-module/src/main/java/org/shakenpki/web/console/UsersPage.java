package org.shakenpki.web.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.shakenpki.pa.AccountAdministration;
import org.shakenpki.pa.UserRole;
import org.shakenpki.pa.Views;

import java.util.List;

/**
 * STI-PA administrator: users and their roles through {@link AccountAdministration}: create, deactivate and
 * reinstate, and reset another user's password (a generated one is shown once), which also lifts a lock-out.
 */
@Named
@RequestScoped
public class UsersPage {

    @Inject
    AccountAdministration administration;

    @Inject
    Caller caller;

    private List<Views.User> users;
    private String userId;
    private UserRole role = UserRole.SP_ADMIN;
    private String accountId;
    private String password;
    private String caFingerprint;

    /** Loads the page (a GET): a refusal by the EJB becomes the error page with its status. */
    public void load() {
        getUsers();
    }

    public List<Views.User> getUsers() {
        if (users == null) {
            users = administration.users(caller.principal());
        }
        return users;
    }

    public UserRole[] getRoles() {
        return UserRole.values();
    }

    public void create() {
        String id = userId;
        if (Messages.attempt(() -> administration.createUser(caller.principal(), id, role, blankToNull(accountId),
                        blankToNull(password), blankToNull(caFingerprint))
                .map(generated -> "User " + id + " created; its generated password (shown once): " + generated)
                .orElse("User " + id + " created"))) {
            userId = null;
            accountId = null;
            caFingerprint = null;
        }
        password = null;
        users = null;
    }

    public void setActive(String id, boolean active) {
        Messages.attempt(() -> {
            administration.setUserActive(caller.principal(), id, active);
            return "User " + id + (active ? " reinstated" : " deactivated");
        });
        users = null;
    }

    public void resetPassword(String id) {
        Messages.attempt(() -> administration.resetPassword(caller.principal(), id, null)
                .map(generated -> "New password of " + id + " (shown once): " + generated).orElseThrow());
        users = null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    public String getUserId() {
        return userId;
    }

    public void setUserId(String userId) {
        this.userId = userId;
    }

    public UserRole getRole() {
        return role;
    }

    public void setRole(UserRole role) {
        this.role = role;
    }

    public String getAccountId() {
        return accountId;
    }

    public void setAccountId(String accountId) {
        this.accountId = accountId;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getCaFingerprint() {
        return caFingerprint;
    }

    public void setCaFingerprint(String caFingerprint) {
        this.caFingerprint = caFingerprint;
    }
}
