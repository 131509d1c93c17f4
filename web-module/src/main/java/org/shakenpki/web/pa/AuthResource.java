package org.shakenpki.web.pa;

import org.shakenpki.config.Bearer;
import org.shakenpki.web.JsonBodies;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.shakenpki.pa.Authentication;
import org.shakenpki.pa.LoginResult;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;
import org.shakenpki.web.JsonBuilders;

/**
 * STI-PA login, refresh and logout, shaped as the deployed US STI-PA API (iconectiv
 * STI-PA-US-API-001 as used by deployed SP-KMS clients): {@code POST /api/v1/auth/login}
 * {@code {"userId","password"}} answers {@code {"status":"success","accessToken","refreshToken","message"}}.
 */
@Path("/api/v1/auth")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthResource {

    @Inject
    Authentication authentication;

    @Inject
    ClientAddress client;

    @POST
    @Path("login")
    public JsonObject login(JsonValue body) {
        JsonObject request = JsonBodies.object(body);
        LoginResult result = authentication.login(JsonBodies.string(request, "userId"),
                JsonBodies.string(request, "password"), client.source());
        return tokens(result, "User logged in successfully");
    }

    @POST
    @Path("refresh")
    public JsonObject refresh(JsonValue body) {
        LoginResult result = authentication.refresh(JsonBodies.string(JsonBodies.object(body), "refreshToken"));
        return tokens(result, "Access token refreshed successfully");
    }

    @POST
    @Path("logout")
    @Consumes(MediaType.WILDCARD)
    public JsonObject logout(@Context HttpHeaders headers) {
        String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null || authorization.isBlank()) {
            throw new ProblemException(ProblemType.UNAUTHENTICATED, "send the access token in the Authorization header");
        }
        authentication.logout(Bearer.credentialOrRaw(authorization));
        return JsonBuilders.object().add("status", "success").add("message", "User logged out successfully").build();
    }

    private static JsonObject tokens(LoginResult result, String message) {
        return JsonBuilders.object()
                .add("status", "success")
                .add("accessToken", result.accessToken())
                .add("refreshToken", result.refreshToken())
                .add("expiresIn", result.expiresInSeconds())
                .add("message", message)
                .build();
    }
}
