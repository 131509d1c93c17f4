package org.shakenpki.web.kms;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.shakenpki.kms.CredentialManagement;
import org.shakenpki.kms.KmsAdmin;
import org.shakenpki.kms.Views;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;
import org.shakenpki.web.JsonBodies;
import org.shakenpki.web.JsonBuilders;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The SP-KMS admin API (Bearer admin token): {@code POST /kms/v1/credentials} {@code {"spc", "acmeDirectory"?,
 * "fingerprint"?, "challengeResponseKey"?, "profile"?, "jwtClaimConstraints"?}} creates a credential and starts its
 * issuance (202); {@code profile} is an ACME profile of the STI-CA's directory; {@code jwtClaimConstraints}
 * ({@link ClaimConstraintsJson}) is requested in every CSR of the credential; GET lists and
 * shows; {@code POST .../{spc}/renew} renews now, or with {@code {"at": "<RFC 3339 time>"}}
 * leaves the renewal to the SP-KMS timer's first round after that time; {@code POST .../{spc}/revoke} {@code {"reason"}} revokes.
 */
@Path("/kms/v1/credentials")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CredentialResource {

    @Inject
    KmsAdmin admin;

    @Inject
    CredentialManagement credentials;

    @Context
    HttpHeaders headers;

    @Context
    UriInfo uri;

    @POST
    public Response create(JsonValue body) {
        String actor = actor();
        JsonObject request = JsonBodies.object(body);
        var view = credentials.create(actor, JsonBodies.string(request, "spc"),
                JsonBodies.optionalString(request, "acmeDirectory"), JsonBodies.optionalString(request, "fingerprint"),
                JsonBodies.optionalString(request, "challengeResponseKey"), JsonBodies.optionalString(request, "profile"),
                ClaimConstraintsJson.parse(request));
        return Response.accepted(render(view)).location(uri.getAbsolutePathBuilder().path(view.credential().spc()).build()).build();
    }

    @GET
    public JsonArray list() {
        actor();
        JsonArrayBuilder array = JsonBuilders.array();
        credentials.list().forEach(c -> array.add(summary(c)));
        return array.build();
    }

    @GET
    @Path("{spc}")
    public JsonObject show(@PathParam("spc") String spc) {
        actor();
        return render(credentials.show(spc));
    }

    @POST
    @Path("{spc}/renew")
    @Consumes(MediaType.WILDCARD)
    public Response renew(@PathParam("spc") String spc, JsonValue body) {
        String actor = actor();
        String at = body != null && body.getValueType() == JsonValue.ValueType.OBJECT
                ? JsonBodies.optionalString(body.asJsonObject(), "at") : null;
        if (at == null) {
            return Response.accepted(render(credentials.renew(actor, spc))).build();
        }
        OffsetDateTime when;
        try {
            when = OffsetDateTime.parse(at);
        } catch (DateTimeParseException e) {
            throw new ProblemException(ProblemType.MALFORMED, "at must be an RFC 3339 date-time, such as 2026-12-01T02:00:00Z");
        }
        return Response.accepted(render(credentials.renewAt(actor, spc, when))).build();
    }

    @POST
    @Path("{spc}/revoke")
    @Consumes(MediaType.WILDCARD)
    public JsonObject revoke(@PathParam("spc") String spc, JsonValue body) {
        String actor = actor();
        String reason = body != null && body.getValueType() == JsonValue.ValueType.OBJECT
                ? JsonBodies.optionalString(body.asJsonObject(), "reason") : null;
        return render(credentials.revoke(actor, spc, reason));
    }

    private String actor() {
        admin.check(headers.getHeaderString(HttpHeaders.AUTHORIZATION));
        return "kms-admin";
    }

    private static JsonObject render(Views.Detail view) {
        JsonObjectBuilder json = JsonBuilders.object(summary(view.credential()));
        put(json, "certificateChain", view.chainPem());
        JsonArrayBuilder history = JsonBuilders.array();
        view.history().forEach(h -> {
            JsonObjectBuilder entry = JsonBuilders.object().add("keyAlias", h.keyAlias())
                    .add("replacedAt", h.replacedAt().toString()).add("keyDestroyed", h.keyDestroyed())
                    .add("destroyKeyAfter", h.destroyKeyAfter().toString());
            put(entry, "serialNumber", h.serialHex());
            put(entry, "notAfter", h.notAfter());
            history.add(entry);
        });
        JsonArrayBuilder notifications = JsonBuilders.array();
        view.notifications().forEach(n -> {
            JsonObjectBuilder entry = JsonBuilders.object().add("attempts", n.attempts());
            put(entry, "deliveredAt", n.deliveredAt());
            put(entry, "lastError", n.lastError());
            notifications.add(entry);
        });
        return json.add("history", history).add("notifications", notifications).build();
    }

    private static JsonObject summary(Views.Credential c) {
        JsonObjectBuilder json = JsonBuilders.object()
                .add("spc", c.spc())
                .add("state", c.state().name())
                .add("acmeDirectory", c.options().acmeDirectory())
                .add("fingerprint", c.options().fingerprint().name())
                .add("challengeResponseKey", c.options().responseKey())
                .add("attempts", c.attempts());
        put(json, "keyAlias", c.keyAlias());
        put(json, "certificateUrl", c.certificateUrl());
        put(json, "serialNumber", c.serialHex());
        put(json, "notBefore", c.notBefore());
        put(json, "notAfter", c.notAfter());
        put(json, "renewAt", c.renewAt());
        put(json, "nextAttemptAt", c.nextAttemptAt());
        put(json, "lastError", c.lastError());
        put(json, "revokedOnCrlAt", c.revokedOnCrlAt());
        put(json, "profile", c.options().profile());
        if (c.renewalWindow() != null) {
            JsonObjectBuilder window = JsonBuilders.object().add("start", c.renewalWindow().start().toString())
                    .add("end", c.renewalWindow().end().toString());
            put(window, "explanationURL", c.renewalWindow().explanationUrl());
            put(window, "nextCheck", c.renewalWindow().nextCheck());
            json.add("renewalWindow", window);
        }
        return json.build();
    }

    private static void put(JsonObjectBuilder json, String name, Object value) {
        if (value instanceof OffsetDateTime time) {
            json.add(name, time.toString());
        } else if (value != null) {
            json.add(name, value.toString());
        }
    }
}
