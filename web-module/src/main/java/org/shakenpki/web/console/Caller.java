package org.shakenpki.web.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.shakenpki.pa.Authentication;
import org.shakenpki.pa.PaPrincipal;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

/**
 * The principal of the current console request, read from the database on every request
 * ({@link Authentication#principal}): a user deactivated since login is refused at once. The pages pass it to the
 * EJBs, which decide what it may do.
 */
@RequestScoped
public class Caller {

    @Inject
    ConsoleSession session;

    @Inject
    Authentication authentication;

    private PaPrincipal principal;

    public PaPrincipal principal() {
        if (principal == null) {
            if (!session.loggedIn()) {
                throw new ProblemException(ProblemType.UNAUTHENTICATED, "log in to the console first");
            }
            principal = authentication.principal(session.getUserId());
        }
        return principal;
    }
}
