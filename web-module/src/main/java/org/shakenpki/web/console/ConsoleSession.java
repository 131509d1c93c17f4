package org.shakenpki.web.console;

import jakarta.enterprise.context.SessionScoped;
import jakarta.inject.Named;
import org.shakenpki.pa.PaPrincipal;
import org.shakenpki.pa.UserRole;

import java.io.Serializable;

/**
 * Who logged in to this console session (the container's HTTP session). It holds the user id only for finding the
 * user again ({@link Caller}) and the role and account for the navigation; it grants nothing by itself.
 */
@Named
@SessionScoped
public class ConsoleSession implements Serializable {
    private static final long serialVersionUID = 1L;

    private String userId;
    private UserRole role;
    private String accountId;

    void start(PaPrincipal principal) {
        this.userId = principal.userId();
        this.role = principal.role();
        this.accountId = principal.accountId();
    }

    public boolean loggedIn() {
        return userId != null;
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
