package org.shakenpki.web.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import org.shakenpki.pa.Authentication;
import org.shakenpki.pa.PaPrincipal;
import org.shakenpki.pa.UserRole;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;
import org.shakenpki.web.pa.ClientAddress;

import java.io.IOException;

/**
 * Console login and logout: the STI-PA's users and passwords, with the login throttle, lock-out and audit of the
 * API login ({@link Authentication#consoleLogin}), and the one-time code of a user with a second factor. A new session id is issued at login (no session fixation) and
 * the session is invalidated at logout. The console is for STI-PA administrators and providers' administrators;
 * API-only users (SP_API, STI_CA, VERIFIER) are told so.
 */
@Named
@RequestScoped
public class LoginPage {

    @Inject
    Authentication authentication;

    @Inject
    ClientAddress client;

    @Inject
    ConsoleSession session;

    private String userId;
    private String password;
    private String code;

    public String login() {
        PaPrincipal principal;
        try {
            principal = authentication.consoleLogin(userId == null ? "" : userId.strip(), password == null ? "" : password,
                    code == null || code.isBlank() ? null : code.strip(), client.source());
        } catch (ProblemException e) {
            Messages.error(e);
            return null;
        }
        if (principal.role() != UserRole.ADMIN && principal.role() != UserRole.SP_ADMIN) {
            authentication.consoleLogout(principal.userId());
            Messages.error(new ProblemException(ProblemType.FORBIDDEN, "user " + principal.userId() + " is an API user ("
                    + principal.role() + "); the console is for STI-PA administrators and providers' administrators"));
            return null;
        }
        ((HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest()).changeSessionId();
        session.start(principal);
        return principal.role() == UserRole.ADMIN ? "/pa/accounts?faces-redirect=true"
                : "/provider/account?faces-redirect=true&account=" + principal.accountId();
    }

    public void logout() throws IOException {
        ExternalContext context = FacesContext.getCurrentInstance().getExternalContext();
        if (session.loggedIn()) {
            authentication.consoleLogout(session.getUserId());
        }
        context.invalidateSession();
        context.redirect(context.getRequestContextPath() + "/console" + ConsoleFilter.LOGIN);
    }

    public String getUserId() {
        return userId;
    }

    public void setUserId(String userId) {
        this.userId = userId;
    }

    public String getCode() {
        return code;
    }

    public void setCode(String code) {
        this.code = code;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
