package org.shakenpki.web.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.shakenpki.web.console.ConsoleErrorPage;

import java.io.IOException;

/**
 * The container's error page (web.xml): renders servlet-level failures as problem documents with the
 * same rules as {@link ProblemMapper} ({@link Problems#of}), so no request ever sees a stack trace or an
 * exception name. A console page's failure gets the same problem as an HTML page ({@link ConsoleErrorPage}).
 */
@WebServlet("/problem-error")
public class ErrorPageServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        int status = code instanceof Integer number ? number : 500;
        if (ConsoleErrorPage.isConsole(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI))) {
            ProblemDocument refused = ConsoleErrorPage.refusedViewState(failure);
            ConsoleErrorPage.write(response, refused != null ? refused : Problems.of(failure, status));
            return;
        }
        ProblemResponses.write(response, Problems.of(failure, status));
    }
}
