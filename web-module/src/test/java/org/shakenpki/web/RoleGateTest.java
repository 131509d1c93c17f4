package org.shakenpki.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.UriInfo;
import org.junit.jupiter.api.Test;
import org.shakenpki.config.Role;
import org.shakenpki.config.Roles;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;
import org.shakenpki.web.kms.CredentialResource;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gate refuses a disabled role's requests by path before routing and by resource class after it. */
class RoleGateTest {

    private static RoleGate gate(Set<Role> enabled) {
        RoleGate gate = new RoleGate();
        gate.roles = new Roles() {
            @Override
            public boolean enabled(Role role) {
                return enabled.contains(role);
            }
        };
        return gate;
    }

    @SuppressWarnings("unchecked")
    private static <T> T fake(Class<T> type, java.util.function.BiFunction<Method, Object[], Object> answer) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> answer.apply(method, args));
    }

    private static ContainerRequestContext request(String decoded, String raw) {
        UriInfo uri = fake(UriInfo.class, (method, args) -> method.getName().equals("getPath") && args != null
                ? ((Boolean) args[0] ? decoded : raw) : null);
        return fake(ContainerRequestContext.class, (method, args) -> method.getName().equals("getUriInfo") ? uri : null);
    }

    @Test
    void beforeRoutingARequestForADisabledRoleIs404WhateverItsSpelling() {
        RoleGate gate = gate(Set.of(Role.PA, Role.CA, Role.CR));
        for (String path : new String[] {"kms/v1/credentials", "//kms/v1/credentials", "kms;x=1/v1", "stir/v1/signing"}) {
            ProblemException refused = assertThrows(ProblemException.class, () -> gate.filter(request(path, path)), path);
            assertEquals(ProblemType.NOT_FOUND, refused.type());
        }
        // decoded, the raw %6Bms is kms
        assertThrows(ProblemException.class, () -> gate.filter(request("kms/v1/credentials", "%6Bms/v1/credentials")));
        assertDoesNotThrow(() -> gate.filter(request("acme/directory", "acme/directory")));
        assertDoesNotThrow(() -> gate.filter(request("", "")));
    }

    @Test
    void afterRoutingTheMatchedResourceOfADisabledRoleIs404() throws Exception {
        List<Object> registered = new ArrayList<>();
        List<Integer> priorities = new ArrayList<>();
        FeatureContext context = fake(FeatureContext.class, (method, args) -> {
            if (method.getName().equals("register") && args.length == 2 && args[1] instanceof Integer priority) {
                registered.add(args[0]);
                priorities.add(priority);
            }
            return null;
        });
        RoleGate gate = gate(Set.of(Role.PA, Role.CA, Role.CR));
        gate.configure(resource(CredentialResource.class), context);
        gate.configure(resource(IndexResource.class), context);
        assertEquals(1, registered.size(), "a filter for the SP-KMS resource, none for the index");
        assertTrue(priorities.get(0) < jakarta.ws.rs.Priorities.AUTHENTICATION, "before authentication");
        ProblemException refused = assertThrows(ProblemException.class,
                () -> ((ContainerRequestFilter) registered.get(0)).filter(request("anything", "anything")));
        assertEquals("no SP-KMS runs on this server", refused.getMessage());

        registered.clear();
        RoleGate open = gate(Set.of(Role.KMS));
        open.configure(resource(CredentialResource.class), context);
        assertDoesNotThrow(() -> ((ContainerRequestFilter) registered.get(0)).filter(request("anything", "anything")));
    }

    private static ResourceInfo resource(Class<?> type) {
        return fake(ResourceInfo.class, (method, args) -> method.getName().equals("getResourceClass") ? type : null);
    }
}
