package org.shakenpki.web;

import jakarta.ws.rs.Path;
import org.shakenpki.config.Role;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which role each JAX-RS resource (and the console, {@code /console}) belongs to, by the path prefix of its class-level {@code @Path} (and so of the
 * requests for it): the one table that {@link RoleGate} closes the endpoints of disabled roles with. A resource under none of these prefixes
 * (the index at {@code /}) belongs to no role and is always open; {@code RoleEndpointsTest} fails for a new
 * resource that is neither mapped here nor listed as open.
 */
public final class RoleEndpoints {
    private static final Map<String, Role> PREFIXES = new LinkedHashMap<>();

    static {
        // STI-PA API and downloads (ATIS-1000080 section 6.3, the iconectiv-style paths)
        PREFIXES.put("/api/v1", Role.PA);
        PREFIXES.put("/download/v1", Role.PA);
        // the operator's console (docs/console.md): STI-PA administration and the provider portal; its servlet
        // filter (web.console.ConsoleFilter) closes it with this table as RoleGate closes the APIs
        // the console pages of the roles administered with an admin token (first: the longer prefix wins)
        PREFIXES.put("/console/kms", Role.KMS);
        PREFIXES.put("/console/as", Role.AS);
        PREFIXES.put("/console/ca", Role.CA);
        PREFIXES.put("/console/vs", Role.VS);
        PREFIXES.put("/console", Role.PA);
        // STI-CA: ACME (RFC 8555) and its own root and intermediate
        PREFIXES.put("/acme", Role.CA);
        PREFIXES.put("/sti-ca", Role.CA);
        // STI-CR: the chains named by x5u
        PREFIXES.put("/sti-cr", Role.CR);
        PREFIXES.put("/kms", Role.KMS);
        PREFIXES.put("/stir/v1/signing", Role.AS);
        PREFIXES.put("/stir/v1/admin", Role.AS);
        PREFIXES.put("/stir/v1/credential-notifications", Role.AS);
        PREFIXES.put("/stir/v1/verification", Role.VS);
    }

    private RoleEndpoints() {
    }

    /** The role a resource class belongs to, or empty for one that belongs to none. */
    public static Optional<Role> roleOf(Class<?> resource) {
        for (Class<?> type = resource; type != null; type = type.getSuperclass()) {
            Path path = type.getAnnotation(Path.class);
            if (path != null) {
                return roleOf(path.value());
            }
        }
        return Optional.empty();
    }

    /**
     * The role a request path belongs to, or empty. The path is read as the router would: repeated slashes
     * collapsed, matrix parameters ({@code ;x=y}) and dot segments removed, so that {@code //kms/./v1} is the SP-KMS.
     */
    public static Optional<Role> roleOfRequest(String requestPath) {
        java.util.Deque<String> segments = new java.util.ArrayDeque<>();
        for (String segment : requestPath.split("/")) {
            String name = segment.contains(";") ? segment.substring(0, segment.indexOf(';')) : segment;
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                segments.pollLast();
            } else {
                segments.addLast(name);
            }
        }
        return roleOf("/" + String.join("/", segments));
    }

    /** The role a resource path (as in {@code @Path}) belongs to, or empty. */
    public static Optional<Role> roleOf(String resourcePath) {
        String path = resourcePath.startsWith("/") ? resourcePath : "/" + resourcePath;
        for (Map.Entry<String, Role> entry : PREFIXES.entrySet()) {
            String prefix = entry.getKey();
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return Optional.of(entry.getValue());
            }
        }
        return Optional.empty();
    }
}
