package org.shakenpki.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.shakenpki.requestid.RequestId;

import java.io.IOException;

/**
 * Gives every request a correlation id ({@link RequestId}): the client's {@code X-Request-Id} when it is a short
 * token, else a new one; sent back in the response's {@code X-Request-Id} before anything else can commit the
 * response, and this thread's id while the request runs, so the log lines and audit records it writes carry it.
 * A servlet filter rather than a JAX-RS one so that it also covers the error pages and every servlet.
 */
@WebFilter(filterName = "RequestIdFilter", urlPatterns = "/*", asyncSupported = true)
public class RequestIdFilter extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String id = RequestId.acceptOrCreate(request.getHeader(RequestId.HEADER));
        response.setHeader(RequestId.HEADER, id);
        RequestId.Scope scope = RequestId.enter(id);
        try {
            chain.doFilter(request, response);
        } finally {
            scope.close();
        }
    }
}
