package org.shakenpki.web.stir;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.shakenpki.config.Role;
import org.shakenpki.config.Roles;
import org.shakenpki.json.JsonLimits;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;
import org.shakenpki.web.JsonBodies;
import org.shakenpki.web.RequestSizeLimit;
import org.shakenpki.web.RoleEndpoints;
import org.shakenpki.web.problem.ProblemDocument;
import org.shakenpki.web.problem.ProblemResponses;
import org.shakenpki.web.problem.Problems;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A JSON POST endpoint served by a plain servlet rather than by JAX-RS: the two hot endpoints of the STI-AS and
 * STI-VS interface (ATIS-1000082), where a JFR profile of signing put 56 % of a request's time in Jersey's request
 * processing (docs/performance.md). The ACME, repository and administration endpoints stay on JAX-RS.
 *
 * <p>It does for its subclasses what the JAX-RS filters do for the resources, in the same order and with the same
 * problem documents, so that a client cannot tell the two apart:
 * <ol>
 *   <li>a disabled role is 404 ({@link RoleEndpoints}, the table {@code RoleGate} closes the resources with);</li>
 *   <li>another method than POST is 405 with {@code Allow: POST}; a {@code Content-Type} other than
 *       {@code application/json}, or none, is 415; an {@code Accept} that excludes it is 406;</li>
 *   <li>a body above {@code shakenpki.http.max-body-bytes}, declared or read, is 413 ({@link RequestSizeLimit});</li>
 *   <li>{@link #caller} authenticates before the body is read;</li>
 *   <li>the body is parsed under {@link JsonLimits} and must be an object (400 otherwise, {@code JsonLimit});</li>
 *   <li>every failure leaves through {@link Problems#of}, as from the JAX-RS exception mapper.</li>
 * </ol>
 *
 * @param <C> what {@link #caller} makes of the request's credentials
 */
abstract class JsonPostServlet<C> extends HttpServlet {
    private static final long serialVersionUID = 1L;
    /** One reader factory, looked up once: {@code Json.createReader} looks the provider up on every call. */
    private static final JsonReaderFactory READERS = JsonProvider.provider().createReaderFactory(Map.of());
    /** A media range's weight of zero (RFC 9110 section 12.4.2): "not acceptable". */
    private static final Pattern Q_ZERO = Pattern.compile(";\\s*[qQ]\\s*=\\s*0(\\.0{0,3})?\\s*(;|$)");

    @Inject
    transient Roles roles;

    @Inject
    @ConfigProperty(name = "shakenpki.http.max-body-bytes", defaultValue = "65536")
    long maxBodyBytes;

    private final Role role;

    /** @param path the servlet's path, which {@link RoleEndpoints} maps to the role it belongs to */
    JsonPostServlet(String path) {
        this.role = RoleEndpoints.roleOf(path).orElseThrow(() -> new IllegalArgumentException(path + " belongs to no role"));
    }

    /** Who is calling, decided from the headers alone; refuses with a {@link ProblemException}. */
    protected abstract C caller(HttpServletRequest request);

    /** The answer to a body that is a JSON object; refuses with a {@link ProblemException}. */
    protected abstract JsonObject answer(C caller, JsonObject body);

    /** Headers a refusal carries beyond the problem document (the Bearer challenge of a 401). */
    protected void addProblemHeaders(HttpServletRequest request, HttpServletResponse response, ProblemDocument problem) {
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonObject answer;
        try {
            answer = handle(request, response);
        } catch (RuntimeException failure) {
            ProblemDocument problem = Problems.of(failure, 500);
            addProblemHeaders(request, response, problem);
            ProblemResponses.write(response, problem);
            return;
        }
        byte[] body = answer.toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** The checks in the order of the class comment, then {@link #answer}. */
    private JsonObject handle(HttpServletRequest request, HttpServletResponse response) {
        if (!roles.enabled(role)) {
            throw new ProblemException(ProblemType.NOT_FOUND, "no " + role.title() + " runs on this server");
        }
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST");
            throw new ProblemException(ProblemType.METHOD_NOT_ALLOWED, request.getMethod() + " is not allowed here: POST");
        }
        if (!isJson(request.getContentType())) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "this resource does not accept the request's Content-Type");
        }
        if (!acceptsJson(request.getHeader("Accept"))) {
            throw new ProblemException(ProblemType.NOT_ACCEPTABLE, "this resource cannot produce a representation the Accept header allows");
        }
        if (request.getContentLengthLong() > maxBodyBytes) {
            throw RequestSizeLimit.tooLarge(maxBodyBytes);
        }
        C caller = caller(request);
        return answer(caller, JsonBodies.object(read(request)));
    }

    private JsonValue read(HttpServletRequest request) {
        try (JsonReader reader = READERS.createReader(
                JsonLimits.checking(RequestSizeLimit.limited(request.getInputStream(), maxBodyBytes)), StandardCharsets.UTF_8)) {
            return reader.readValue();
        } catch (IOException e) {
            throw new ProblemException(ProblemType.MALFORMED, "the request body could not be read");
        }
    }

    /** {@code application/json} with any parameters: the JAX-RS resources' {@code @Consumes}, which refuse a body without a type. */
    static boolean isJson(String contentType) {
        return contentType != null && mediaType(contentType).equals("application/json");
    }

    /**
     * Whether an {@code Accept} header (RFC 9110 section 12.5.1) allows {@code application/json}: no header, or a
     * range {@code *}{@code /*}, {@code application/*} or {@code application/json} that is not {@code q=0}.
     */
    static boolean acceptsJson(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        for (String range : accept.split(",")) {
            String type = mediaType(range);
            boolean json = type.equals("*/*") || type.equals("application/*") || type.equals("application/json");
            if (json && !Q_ZERO.matcher(range).find()) {
                return true;
            }
        }
        return false;
    }

    private static String mediaType(String value) {
        int semicolon = value.indexOf(';');
        return (semicolon < 0 ? value : value.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }
}
