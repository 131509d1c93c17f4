package org.shakenpki.web.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.shakenpki.config.Role;

/**
 * The admin token this console session logged in to a role with, as the role's EJBs expect it
 * ({@code Bearer <token>}); an empty one when there is none, which the EJBs refuse.
 */
@RequestScoped
public class RoleToken {

    @Inject
    ConsoleSession session;

    public String of(Role role) {
        String token = session.adminToken(role);
        return token == null ? "" : "Bearer " + token;
    }
}
