package org.shakenpki.web.console;

import jakarta.faces.application.ViewExpiredException;
import jakarta.servlet.http.HttpServletResponse;
import org.shakenpki.problem.ProblemType;
import org.shakenpki.web.problem.ProblemDocument;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The console's error page: the same problem ({@code web.problem.Problems}) as the APIs would answer, as a short
 * HTML page for a person, with the status of the problem. A postback whose view state is missing, forged or from
 * another session (a cross-site request, or a form older than the session) is a 403.
 */
public final class ConsoleErrorPage {
    private ConsoleErrorPage() {
    }

    /** Whether a failed request was a console request (its error page is then this one). */
    public static boolean isConsole(Object requestUri) {
        return requestUri instanceof String uri && (uri.equals("/console") || uri.startsWith("/console/"));
    }

    /** The problem of a console failure: a refused view state is a 403, anything else as the APIs map it. */
    public static ProblemDocument refusedViewState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ViewExpiredException) {
                return ProblemDocument.of(ProblemType.FORBIDDEN, "this form was not sent from a page of your current"
                        + " console session (missing, forged or expired view state); nothing was changed");
            }
        }
        return null;
    }

    public static void write(HttpServletResponse response, ProblemDocument problem) throws IOException {
        ConsoleFilter.headers(response);
        response.setStatus(problem.status());
        response.setContentType("text/html");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        String title = problem.status() + " " + escape(problem.type().title());
        response.getWriter().write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><title>" + title
                + " - shaken-pki console</title><link rel=\"stylesheet\" href=\"/console/jakarta.faces.resource/console.css\"/>"
                + "</head><body><main id=\"main\"><h1>" + title + "</h1><p role=\"alert\">" + escape(problem.detail())
                + "</p><p><a href=\"/console/login.xhtml\">Console login</a></p></main></body></html>\n");
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
