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
import java.util.Map;
import java.util.Optional;

/**
 * In front of every console request: answers 404 when the STI-PA role is off ({@link RoleEndpoints}, as
 * {@code RoleGate} does for the APIs), sets the security headers (a Content-Security-Policy that allows no script
 * at all, no framing, no caching of pages) and sends a caller without a console session to the login page: the
 * STI-PA's for its pages, the role's own ({@code /console/kms/login.xhtml}, ...) for the pages of a role
 * administered with an admin token. The role of a path is {@link RoleEndpoints}' ({@code /console/kms} is the
 * SP-KMS, {@code /console/as} the STI-AS, {@code /console/ca} the STI-CA, {@code /console/vs} the STI-VS).
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

    /** The roles logged in to with their admin token (docs/console.md), and the folder of their pages. */
    static final Map<Role, String> TOKEN_ROLES = Map.of(Role.KMS, "kms", Role.AS, "as", Role.CA, "ca", Role.VS, "vs");

    @Inject
    Roles roles;

    @Inject
    ConsoleSession session;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        headers(response);
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String view = request.getPathInfo() == null ? "/" : request.getPathInfo();
        // the style sheet serves every role's pages and the error page; it belongs to none
        Optional<Role> role = view.startsWith(RESOURCES) ? Optional.empty() : RoleEndpoints.roleOfRequest(path);
        if (role.isPresent() && !roles.enabled(role.get())) {
            ConsoleErrorPage.write(response, ProblemDocument.of(ProblemType.NOT_FOUND,
                    "no " + role.get().title() + " runs on this server"));
            return;
        }
        String tokenRole = role.map(TOKEN_ROLES::get).orElse(null);
        if (tokenRole != null) {
            // a role administered with its admin token: its own login page, then its pages with that login only
            String login = "/" + tokenRole + LOGIN;
            if (!view.equals(login) && !session.in(role.get())) {
                redirect(request, response, login);
                return;
            }
        } else {
            boolean open = view.equals(LOGIN) || view.startsWith(RESOURCES);
            if (!open && !session.loggedIn()) {
                redirect(request, response, LOGIN);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static void redirect(HttpServletRequest request, HttpServletResponse response, String login) {
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + "/console" + login);
    }

    static void headers(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", CSP);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-store");
    }
}
