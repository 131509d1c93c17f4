package org.shakenpki.web.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import org.shakenpki.ca.CaAdmin;
import org.shakenpki.config.Role;
import org.shakenpki.kms.KmsAdmin;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.stir.AsAdmin;
import org.shakenpki.stir.VsAdmin;
import org.shakenpki.web.pa.ClientAddress;

/**
 * The console login of a role administered with a bearer admin token (SP-KMS, STI-AS, STI-CA, STI-VS;
 * docs/console.md): the operator pastes the role's token once; the role's admin bean checks it in constant time,
 * audits the attempt and throttles failures per client source ({@code config.AdminTokenLogins}). On success the
 * session id changes (no session fixation) and the token is kept in the server-side session only
 * ({@link ConsoleSession}); every page call hands it to the role's EJB again, which checks it again.
 */
@Named
@RequestScoped
public class RoleLoginPage {

    @Inject
    KmsAdmin kms;

    @Inject
    AsAdmin as;

    @Inject
    CaAdmin ca;

    @Inject
    VsAdmin vs;

    @Inject
    ClientAddress client;

    @Inject
    ConsoleSession session;

    private String token;

    /** Logs in to the role whose pages live under {@code /console/<folder>}. */
    public String login(String folder) {
        Role role = ConsoleFilter.TOKEN_ROLES.entrySet().stream().filter(e -> e.getValue().equals(folder))
                .map(java.util.Map.Entry::getKey).findFirst().orElseThrow();
        String presented = token == null ? "" : token.strip();
        try {
            switch (role) {
                case KMS -> kms.consoleLogin(presented, client.source());
                case AS -> as.consoleLogin(presented, client.source());
                case CA -> ca.consoleLogin(presented, client.source());
                default -> vs.consoleLogin(presented, client.source());
            }
        } catch (ProblemException e) {
            Messages.error(e);
            return null;
        }
        ((HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest()).changeSessionId();
        session.startRole(role, presented);
        return "/" + folder + "/" + HOME.get(folder) + "?faces-redirect=true";
    }

    private static final java.util.Map<String, String> HOME = java.util.Map.of("kms", "credentials", "as", "api-keys",
            "ca", "certificates", "vs", "statistics");

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }
}
