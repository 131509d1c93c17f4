package org.shakenpki.web.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.shakenpki.config.Role;
import org.shakenpki.config.Roles;
import org.shakenpki.pa.PaPrincipal;
import org.shakenpki.pa.UserRole;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The console's filter: 404 for a disabled STI-PA, the login page for a caller without a session, the headers. */
class ConsoleFilterTest {

    /** What the filter did to one request. */
    private static final class Outcome {
        int status = 200;
        final Map<String, String> headers = new HashMap<>();
        final StringWriter body = new StringWriter();
        final AtomicBoolean passed = new AtomicBoolean();
    }

    private static Outcome filter(Set<Role> enabled, boolean loggedIn, String view) throws Exception {
        return filter(enabled, loggedIn, Set.of(), view);
    }

    private static Outcome filter(Set<Role> enabled, boolean loggedIn, Set<Role> tokens, String view) throws Exception {
        ConsoleFilter filter = new ConsoleFilter();
        filter.roles = new Roles() {
            @Override
            public boolean enabled(Role role) {
                return enabled.contains(role);
            }
        };
        filter.session = new ConsoleSession();
        if (loggedIn) {
            filter.session.start(new PaPrincipal("admin", UserRole.ADMIN, null));
        }
        tokens.forEach(role -> filter.session.startRole(role, "token"));
        Outcome outcome = new Outcome();
        HttpServletRequest request = fake(HttpServletRequest.class, (name, args) -> switch (name) {
            case "getRequestURI" -> "/console" + view;
            case "getContextPath" -> "";
            case "getPathInfo" -> view;
            default -> null;
        });
        PrintWriter writer = new PrintWriter(outcome.body);
        HttpServletResponse response = fake(HttpServletResponse.class, (name, args) -> {
            switch (name) {
                case "setStatus" -> outcome.status = (Integer) args[0];
                case "setHeader" -> outcome.headers.put((String) args[0], (String) args[1]);
                case "getWriter" -> {
                    return writer;
                }
                default -> {
                }
            }
            return null;
        });
        FilterChain chain = (req, res) -> outcome.passed.set(true);
        filter.doFilter(request, response, chain);
        writer.flush();
        return outcome;
    }

    @SuppressWarnings("unchecked")
    private static <T> T fake(Class<T> type, java.util.function.BiFunction<String, Object[], Object> answer) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> answer.apply(method.getName(), args));
    }

    @Test
    void withTheStiPaOffEveryConsolePageIs404EvenTheLoginPage() throws Exception {
        for (String view : new String[] {"/login.xhtml", "/pa/accounts.xhtml", "/provider/account.xhtml"}) {
            Outcome outcome = filter(Set.of(Role.CA, Role.KMS), true, view);
            assertEquals(404, outcome.status, view);
            assertFalse(outcome.passed.get(), view);
            assertTrue(outcome.body.toString().contains("no STI-PA runs on this server"), outcome.body.toString());
        }
    }

    @Test
    void withoutASessionOnlyTheLoginPageAndItsStyleSheetAreServed() throws Exception {
        Outcome page = filter(Set.of(Role.PA), false, "/pa/accounts.xhtml");
        assertEquals(303, page.status);
        assertEquals("/console/login.xhtml", page.headers.get("Location"));
        assertFalse(page.passed.get());
        assertTrue(filter(Set.of(Role.PA), false, "/login.xhtml").passed.get());
        assertTrue(filter(Set.of(Role.PA), false, "/jakarta.faces.resource/console.css").passed.get());
        assertTrue(filter(Set.of(Role.PA), true, "/pa/accounts.xhtml").passed.get());
    }

    @Test
    void everyAnswerForbidsScriptsFramingAndCaching() throws Exception {
        for (Outcome outcome : new Outcome[] {filter(Set.of(Role.PA), true, "/pa/audit.xhtml"),
                filter(Set.of(), true, "/pa/audit.xhtml"), filter(Set.of(Role.PA), false, "/pa/audit.xhtml")}) {
            String csp = outcome.headers.get("Content-Security-Policy");
            assertTrue(csp.startsWith("default-src 'none'") && !csp.contains("unsafe") && !csp.contains("script-src"), csp);
            assertTrue(csp.contains("frame-ancestors 'none'") && csp.contains("form-action 'self'"), csp);
            assertEquals("no-store", outcome.headers.get("Cache-Control"));
            assertEquals("nosniff", outcome.headers.get("X-Content-Type-Options"));
        }
    }

    @Test
    void aTokenRolesPagesAre404WhenTheRoleIsOffWhateverTheSession() throws Exception {
        Set<Role> all = Set.of(Role.KMS, Role.AS, Role.CA, Role.VS);
        for (String view : new String[] {"/kms/credentials.xhtml", "/as/api-keys.xhtml", "/ca/certificates.xhtml",
                "/vs/statistics.xhtml", "/kms/login.xhtml", "/vs/../kms/credentials.xhtml"}) {
            Outcome outcome = filter(Set.of(Role.PA), true, all, view);
            assertEquals(404, outcome.status, view);
            assertFalse(outcome.passed.get(), view);
        }
        // the style sheet belongs to no role: a server without the STI-PA still styles its role pages
        assertTrue(filter(Set.of(Role.KMS), false, "/jakarta.faces.resource/console.css").passed.get());
    }

    @Test
    void aTokenRolesPagesNeedThatRolesLoginNotAnStiPaSessionNorAnotherRolesToken() throws Exception {
        Set<Role> on = Set.of(Role.PA, Role.KMS, Role.AS, Role.CA, Role.VS);
        Outcome stiPaAdmin = filter(on, true, "/kms/credentials.xhtml");
        assertEquals(303, stiPaAdmin.status);
        assertEquals("/console/kms/login.xhtml", stiPaAdmin.headers.get("Location"));
        Outcome otherRole = filter(on, false, Set.of(Role.AS), "/ca/certificates.xhtml");
        assertEquals(303, otherRole.status);
        assertEquals("/console/ca/login.xhtml", otherRole.headers.get("Location"));
        assertTrue(filter(on, false, "/vs/login.xhtml").passed.get());
        assertTrue(filter(on, false, Set.of(Role.CA), "/ca/certificates.xhtml").passed.get());
        // a role's token opens none of the STI-PA's pages
        assertEquals(303, filter(on, false, Set.of(Role.KMS), "/pa/accounts.xhtml").status);
    }

    @Test
    void theErrorPageEscapesWhatItShows() {
        assertEquals("&lt;script&gt;x&amp;&quot;&#39;", ConsoleErrorPage.escape("<script>x&\"'"));
        assertTrue(ConsoleErrorPage.isConsole("/console/pa/accounts.xhtml"));
        assertFalse(ConsoleErrorPage.isConsole("/consoles"));
        assertFalse(ConsoleErrorPage.isConsole("/api/v1/admin/accounts"));
    }
}
