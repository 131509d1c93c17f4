package org.shakenpki.web;

import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;
import org.shakenpki.config.Role;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every JAX-RS resource of the web tier belongs to a role, so that switching the role off closes it. */
class RoleEndpointsTest {
    /** Resources that belong to no role and stay open on every server. */
    private static final Set<String> OPEN = Set.of("org.shakenpki.web.IndexResource");

    @Test
    void everyResourceBelongsToItsRole() throws Exception {
        Map<String, Optional<Role>> roles = new TreeMap<>();
        for (Class<?> resource : resources()) {
            roles.put(resource.getSimpleName(), RoleEndpoints.roleOf(resource));
            if (!OPEN.contains(resource.getName())) {
                assertTrue(RoleEndpoints.roleOf(resource).isPresent(),
                        resource.getName() + " (" + resource.getAnnotation(Path.class).value() + ") belongs to no role: map its path in RoleEndpoints");
            }
        }
        assertEquals(Optional.of(Role.CA), roles.get("DirectoryResource"));
        assertEquals(Optional.of(Role.CA), roles.get("NewOrderResource"));
        assertEquals(Optional.of(Role.CA), roles.get("CaCertificateResource"));
        assertEquals(Optional.of(Role.CR), roles.get("ChainResource"));
        assertEquals(Optional.of(Role.PA), roles.get("TokenResource"));
        assertEquals(Optional.of(Role.PA), roles.get("DownloadResource"));
        assertEquals(Optional.of(Role.PA), roles.get("AdminResource"));
        assertEquals(Optional.of(Role.KMS), roles.get("CredentialResource"));
        assertEquals(Optional.of(Role.AS), roles.get("ApiKeyResource"));
        assertEquals(Optional.empty(), roles.get("IndexResource"));
        assertTrue(roles.size() >= 25, "found the resources: " + roles.keySet());
    }

    /** The hot STIR endpoints are servlets ({@code JsonPostServlet}), closed by the same table. */
    @Test
    void theStirServletsBelongToTheirRoles() {
        assertEquals(Optional.of(Role.AS), RoleEndpoints.roleOf(org.shakenpki.web.stir.SigningServlet.PATH));
        assertEquals(Optional.of(Role.VS), RoleEndpoints.roleOf(org.shakenpki.web.stir.VerificationServlet.PATH));
    }

    @Test
    void aPrefixMatchesWholeSegmentsOnly() {
        assertEquals(Optional.of(Role.KMS), RoleEndpoints.roleOf("kms/v1/credentials"));
        assertEquals(Optional.of(Role.CA), RoleEndpoints.roleOf("/acme"));
        assertEquals(Optional.empty(), RoleEndpoints.roleOf("/acmex/directory"));
        assertEquals(Optional.empty(), RoleEndpoints.roleOf("/stir/v1/signing-help"));
        assertEquals(Optional.of(Role.VS), RoleEndpoints.roleOf("/stir/v1/verification"));
    }

    @Test
    void aRequestPathIsReadAsTheRouterReadsIt() {
        assertEquals(Optional.of(Role.KMS), RoleEndpoints.roleOfRequest("//kms/v1/credentials"));
        assertEquals(Optional.of(Role.KMS), RoleEndpoints.roleOfRequest("kms;v=1/v1/credentials"));
        assertEquals(Optional.of(Role.KMS), RoleEndpoints.roleOfRequest("/./stir/../kms/v1"));
        assertEquals(Optional.of(Role.AS), RoleEndpoints.roleOfRequest("stir//v1/./signing"));
        assertEquals(Optional.of(Role.CA), RoleEndpoints.roleOfRequest("acme/new-nonce"));
        assertEquals(Optional.empty(), RoleEndpoints.roleOfRequest(""));
        assertEquals(Optional.empty(), RoleEndpoints.roleOfRequest("health"));
        assertEquals(Optional.of(Role.PA), RoleEndpoints.roleOfRequest("/console/pa/accounts.xhtml"));
        assertEquals(Optional.of(Role.PA), RoleEndpoints.roleOfRequest("//console/./provider/account.xhtml"));
        assertEquals(Optional.of(Role.KMS), RoleEndpoints.roleOfRequest("/console/kms/credentials.xhtml"));
        assertEquals(Optional.of(Role.AS), RoleEndpoints.roleOfRequest("/console//as/./api-keys.xhtml"));
        assertEquals(Optional.of(Role.CA), RoleEndpoints.roleOfRequest("/console/ca;x=1/certificates.xhtml"));
        assertEquals(Optional.of(Role.VS), RoleEndpoints.roleOfRequest("/console/pa/../vs/statistics.xhtml"));
        assertEquals(Optional.of(Role.PA), RoleEndpoints.roleOfRequest("/console/kmsx/credentials.xhtml"));
    }

    /** The classes under target/classes with a class-level @Path. */
    private static java.util.List<Class<?>> resources() throws IOException, URISyntaxException {
        java.nio.file.Path root = java.nio.file.Path.of(RoleEndpoints.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<java.nio.file.Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".class") && !f.getFileName().toString().contains("$"))
                    .map(f -> root.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", ""))
                    .map(RoleEndpointsTest::load)
                    .filter(type -> type.isAnnotationPresent(Path.class))
                    .toList();
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, RoleEndpointsTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }
}
