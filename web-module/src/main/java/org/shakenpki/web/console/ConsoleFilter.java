package org.shakenpki.web.console;

import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.shakenpki.config.Role;
import org.shakenpki.config.Roles;
import org.shakenpki.problem.ProblemType;
import org.shakenpki.web.RoleEndpoints;
import org.shakenpki.web.problem.ProblemDocument;

import java.io.IOException;
import java.util.Optional;

/**
 * In front of every console request: answers 404 when the STI-PA role is off ({@link RoleEndpoints}, as
 * {@code RoleGate} does for the APIs), sets the security headers (a Content-Security-Policy that allows no script
 * at all, no framing, no caching of pages) and sends a caller without a console session to the login page.
 * Who may see or change what is not decided here but in the EJBs the pages call.
 */
@WebFilter(urlPatterns = "/console/*", dispatcherTypes = DispatcherType.REQUEST)
public class ConsoleFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;

    /** No script, inline or not: the console's pages are plain forms (docs/console.md). */
    static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";

    static final String LOGIN = "/login.xhtml";
    private static final String RESOURCES = "/jakarta.faces.resource/";

    @Inject
    Roles roles;

    @Inject
    ConsoleSession session;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        headers(response);
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Optional<Role> role = RoleEndpoints.roleOfRequest(path);
        if (role.isPresent() && !roles.enabled(role.get())) {
            ConsoleErrorPage.write(response, ProblemDocument.of(ProblemType.NOT_FOUND,
                    "no " + role.get().title() + " runs on this server"));
            return;
        }
        String view = request.getPathInfo() == null ? "/" : request.getPathInfo();
        boolean open = view.equals(LOGIN) || view.startsWith(RESOURCES);
        if (!open && !session.loggedIn()) {
            response.setStatus(HttpServletResponse.SC_SEE_OTHER);
            response.setHeader("Location", request.getContextPath() + "/console" + LOGIN);
            return;
        }
        chain.doFilter(request, response);
    }

    static void headers(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", CSP);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-store");
    }
}
