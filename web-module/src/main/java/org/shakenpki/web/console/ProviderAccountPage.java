package org.shakenpki.web.console;

import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.faces.view.ViewScoped;
import org.shakenpki.pa.ProviderPortal;
import org.shakenpki.pa.SpcRequests;
import org.shakenpki.pa.UserRole;
import org.shakenpki.pa.Views;

import java.util.List;

/**
 * Provider portal: a provider's account, its SPCs and users; add an administrator or API user; request an
 * additional SPC and follow the requests ({@link ProviderPortal}, {@link SpcRequests}). The account comes from the
 * URL ({@code ?account=}, kept for the postbacks of the page by the view scope); the EJBs refuse any account but the caller's own, which the error page shows as 403.
 */
@Named
@ViewScoped
public class ProviderAccountPage implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    @Inject
    ProviderPortal portal;

    @Inject
    SpcRequests spcRequests;

    @Inject
    Caller caller;

    private String account;
    private transient Views.Account view;
    private transient List<Views.User> users;
    private transient List<Views.SpcAsk> requests;
    private String userId;
    private UserRole role = UserRole.SP_API;
    private String password;
    private String spc;
    private String reason;

    /** Loads the page (a GET); a refusal becomes the 403 page. */
    public void load() {
        getAccountView();
        getUsers();
        getRequests();
    }

    public Views.Account getAccountView() {
        if (view == null) {
            view = portal.account(caller.principal(), account);
        }
        return view;
    }

    public List<Views.User> getUsers() {
        if (users == null) {
            users = portal.users(caller.principal(), account);
        }
        return users;
    }

    public List<Views.SpcAsk> getRequests() {
        if (requests == null) {
            requests = spcRequests.ofAccount(caller.principal(), account);
        }
        return requests;
    }

    public UserRole[] getRoles() {
        return new UserRole[] {UserRole.SP_API, UserRole.SP_ADMIN};
    }

    public void createUser() {
        String id = userId == null ? null : userId.strip();
        String chosen = password == null || password.isEmpty() ? null : password;
        if (Messages.attempt(() -> portal.createUser(caller.principal(), account, id, role, chosen)
                .map(generated -> "User " + id + " created; its generated password (shown once): " + generated)
                .orElse("User " + id + " created"))) {
            userId = null;
        }
        password = null;
        users = null;
    }

    public void requestSpc() {
        if (Messages.attempt(() -> "SPC " + spcRequests.request(caller.principal(), account, spc, reason).spc()
                + " requested; an STI-PA administrator will decide")) {
            spc = null;
            reason = null;
        }
        requests = null;
    }

    public String getAccount() {
        return account;
    }

    public void setAccount(String account) {
        this.account = account;
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

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getSpc() {
        return spc;
    }

    public void setSpc(String spc) {
        this.spc = spc;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }
}
