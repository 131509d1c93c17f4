package org.shakenpki.web.ca;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.shakenpki.ca.CaSubscriber;
import org.shakenpki.ca.SubscriberInfo;
import org.shakenpki.ca.SubscriberManagement;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;
import org.shakenpki.web.JsonBodies;
import org.shakenpki.web.JsonBuilders;

/**
 * The STI-CA's subscriber administration (Bearer admin token, {@code <data-dir>/ca/admin.token}):
 * {@code POST /sti-ca/admin/v1/subscribers} {@code {"id","legalName","subject":{"O","C"?,"ST"?,"L"?,"OU"?},
 * "spcs":[...],"contact"}} records a subscriber (201); GET lists and shows; {@code POST .../{id}/suspend} and
 * {@code .../{id}/activate} change its state; {@code POST .../{id}/eab} issues an External Account Binding key
 * (RFC 8555 section 7.3.4) and answers 201 with its {@code kid} and {@code hmacKey}, shown this once;
 * {@code GET .../{id}/eab} lists the subscriber's EAB keys without HMAC keys, each with the ACME account it bound
 * ({@code account}, {@code accountUrl}, {@code boundAt}) once it has.
 * The resource passes the header on; {@link SubscriberManagement} authorises, acts and audits.
 */
@Path("/sti-ca/admin/v1/subscribers")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SubscriberResource {

    @Inject
    SubscriberManagement subscribers;

    @Context
    UriInfo uri;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, JsonValue body) {
        JsonObject request = JsonBodies.object(body);
        JsonValue subjectValue = request.get("subject");
        if (subjectValue != null && subjectValue.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new ProblemException(ProblemType.MALFORMED, "subject must be an object of O, C, ST, L and OU");
        }
        JsonObject subject = subjectValue == null ? JsonValue.EMPTY_JSON_OBJECT : subjectValue.asJsonObject();
        for (String member : subject.keySet()) {
            if (!java.util.Set.of("O", "C", "ST", "L", "OU").contains(member)) {
                throw new ProblemException(ProblemType.MALFORMED, "subject may hold only O, C, ST, L and OU, not " + member);
            }
        }
        SubscriberInfo created = subscribers.create(authorization, JsonBodies.optionalString(request, "id"),
                JsonBodies.optionalString(request, "legalName"),
                new SubscriberInfo.Subject(JsonBodies.optionalString(subject, "O"), JsonBodies.optionalString(subject, "C"),
                        JsonBodies.optionalString(subject, "ST"), JsonBodies.optionalString(subject, "L"),
                        JsonBodies.optionalString(subject, "OU")),
                JsonBodies.optionalStrings(request, "spcs"), JsonBodies.optionalString(request, "contact"));
        return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build()).entity(render(created)).build();
    }

    @GET
    public JsonArray list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        JsonArrayBuilder array = JsonBuilders.array();
        subscribers.list(authorization).forEach(s -> array.add(render(s)));
        return array.build();
    }

    @GET
    @Path("{id}")
    public JsonObject show(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id) {
        return render(subscribers.show(authorization, id));
    }

    @POST
    @Path("{id}/suspend")
    @Consumes(MediaType.WILDCARD)
    public JsonObject suspend(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id) {
        return render(subscribers.changeState(authorization, id, CaSubscriber.State.SUSPENDED));
    }

    @POST
    @Path("{id}/activate")
    @Consumes(MediaType.WILDCARD)
    public JsonObject activate(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id) {
        return render(subscribers.changeState(authorization, id, CaSubscriber.State.ACTIVE));
    }

    @POST
    @Path("{id}/eab")
    @Consumes(MediaType.WILDCARD)
    public Response createEab(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id) {
        SubscriberManagement.EabCreated eab = subscribers.createEab(authorization, id);
        JsonObject json = JsonBuilders.object().add("subscriber", eab.subscriberId()).add("kid", eab.kid())
                .add("hmacKey", eab.hmacKey()).build();
        return Response.status(201).entity(json).build();
    }

    @GET
    @Path("{id}/eab")
    public JsonArray eabKeys(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id) {
        JsonArrayBuilder array = JsonBuilders.array();
        for (SubscriberManagement.EabInfo key : subscribers.eabKeys(authorization, id)) {
            JsonObjectBuilder json = JsonBuilders.object().add("kid", key.kid()).add("createdAt", key.createdAt().toString());
            put(json, "account", key.account());
            put(json, "accountUrl", key.accountUrl());
            put(json, "boundAt", key.boundAt() == null ? null : key.boundAt().toString());
            array.add(json);
        }
        return array.build();
    }

    private static JsonObject render(SubscriberInfo s) {
        JsonObjectBuilder subject = JsonBuilders.object().add("O", s.subject().o());
        put(subject, "C", s.subject().c());
        put(subject, "ST", s.subject().st());
        put(subject, "L", s.subject().l());
        put(subject, "OU", s.subject().ou());
        JsonArrayBuilder spcs = JsonBuilders.array();
        s.spcs().forEach(spcs::add);
        return JsonBuilders.object().add("id", s.id()).add("legalName", s.legalName()).add("subject", subject)
                .add("spcs", spcs).add("contact", s.contact()).add("state", s.state().name())
                .add("createdAt", s.createdAt().toString()).build();
    }

    private static void put(JsonObjectBuilder json, String name, String value) {
        if (value != null) {
            json.add(name, value);
        }
    }
}
