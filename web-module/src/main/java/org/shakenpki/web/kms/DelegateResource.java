package org.shakenpki.web.kms;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
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
import org.shakenpki.kms.DelegateAuthority;
import org.shakenpki.kms.DelegateNumbers;
import org.shakenpki.kms.DelegateViews;
import org.shakenpki.kms.KmsAdmin;
import org.shakenpki.pkix.TNAuthList;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;
import org.shakenpki.web.JsonBodies;
import org.shakenpki.web.JsonBuilders;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The SP-KMS delegate-certificate admin API (RFC 9060, ATIS-1000092; Bearer admin token, as {@link CredentialResource}):
 * <ul>
 *   <li>{@code POST /kms/v1/delegates} {@code {"spc", "numbers"?: ["<tn>"], "ranges"?: [{"start","count"}]}}:
 *       obtains the delegate CA certificate of the SPC ({@code ca:true} token, CA:TRUE CSR) and records the
 *       numbers it may delegate; 201 with the delegate CA;</li>
 *   <li>{@code GET /kms/v1/delegates}, {@code GET /kms/v1/delegates/{spc}}: the delegate CAs, one with the
 *       certificates issued under it;</li>
 *   <li>{@code POST /kms/v1/delegates/{spc}/certificates} {@code {"csr": PEM or base64url DER, "holder",
 *       "country"?, "validityDays"?, "numbers"?, "ranges"?}}: issues an end-entity delegate certificate for the
 *       numbers and ranges (TNAuthList {@code one} and {@code range}); 201 with its x5u and chain, 403 when they
 *       are outside the delegate CA's scope, 400 {@code badCSR} for an unusable CSR;</li>
 *   <li>{@code POST /kms/v1/delegates/{spc}/certificates/{serial}/revoke} {@code {"reason"?}}: revokes it here
 *       and reports it to the STI-PA (the answer says what the STI-PA said).</li>
 * </ul>
 */
@Path("/kms/v1/delegates")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DelegateResource {

    @Inject
    KmsAdmin admin;

    @Inject
    DelegateAuthority delegates;

    @Context
    HttpHeaders headers;

    @Context
    UriInfo uri;

    @POST
    public Response createCa(JsonValue body) {
        String actor = actor();
        JsonObject request = JsonBodies.object(body);
        String spc = JsonBodies.string(request, "spc");
        DelegateViews.Detail view = delegates.createCa(actor, spc, numbers(request));
        return Response.created(uri.getAbsolutePathBuilder().path(spc).build()).entity(render(view)).build();
    }

    @GET
    public JsonArray list() {
        actor();
        JsonArrayBuilder array = JsonBuilders.array();
        delegates.list().forEach(ca -> array.add(render(ca)));
        return array.build();
    }

    @GET
    @Path("{spc}")
    public JsonObject show(@PathParam("spc") String spc) {
        actor();
        return render(delegates.show(spc));
    }

    @POST
    @Path("{spc}/certificates")
    public Response issue(@PathParam("spc") String spc, JsonValue body) {
        String actor = actor();
        JsonObject request = JsonBodies.object(body);
        DelegateViews.Certificate issued = delegates.issue(actor, spc, csr(JsonBodies.string(request, "csr")), numbers(request),
                JsonBodies.string(request, "holder"), JsonBodies.optionalString(request, "country"), days(request));
        return Response.created(uri.getAbsolutePathBuilder().path(issued.serialHex()).build()).entity(render(issued)).build();
    }

    @POST
    @Path("{spc}/certificates/{serial}/revoke")
    @Consumes(MediaType.WILDCARD)
    public JsonObject revoke(@PathParam("spc") String spc, @PathParam("serial") String serial, JsonValue body) {
        String actor = actor();
        String reason = body != null && body.getValueType() == JsonValue.ValueType.OBJECT
                ? JsonBodies.optionalString(body.asJsonObject(), "reason") : null;
        return render(delegates.revoke(actor, spc, serial, reason));
    }

    private String actor() {
        admin.check(headers.getHeaderString(HttpHeaders.AUTHORIZATION));
        return "kms-admin";
    }

    private static TNAuthList numbers(JsonObject request) {
        List<DelegateNumbers.Range> ranges = new ArrayList<>();
        JsonValue value = request.get("ranges");
        if (value != null && value.getValueType() != JsonValue.ValueType.NULL) {
            if (value.getValueType() != JsonValue.ValueType.ARRAY) {
                throw new ProblemException(ProblemType.MALFORMED, "ranges must be an array of {\"start\", \"count\"}");
            }
            for (JsonValue each : value.asJsonArray()) {
                if (each.getValueType() != JsonValue.ValueType.OBJECT
                        || !(each.asJsonObject().get("count") instanceof JsonNumber count) || !count.isIntegral()) {
                    throw new ProblemException(ProblemType.MALFORMED, "a range is {\"start\": \"<tn>\", \"count\": <integer>}");
                }
                ranges.add(new DelegateNumbers.Range(JsonBodies.string(each.asJsonObject(), "start"), count.longValue()));
            }
        }
        return DelegateNumbers.of(JsonBodies.optionalStrings(request, "numbers"), ranges);
    }

    private static Integer days(JsonObject request) {
        JsonValue value = request.get("validityDays");
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(value instanceof JsonNumber number) || !number.isIntegral()) {
            throw new ProblemException(ProblemType.MALFORMED, "validityDays must be an integer");
        }
        return number.intValue();
    }

    /** A PEM CSR or the base64url of its DER (as RFC 8555 section 7.4 sends it). */
    private static byte[] csr(String text) {
        String body = text.replaceAll("-----(BEGIN|END) (NEW )?CERTIFICATE REQUEST-----", "").replaceAll("\\s", "");
        try {
            return body.contains("+") || body.contains("/") || body.endsWith("=")
                    ? Base64.getDecoder().decode(body) : Base64.getUrlDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.BAD_CSR, "csr is neither PEM nor base64url DER");
        }
    }

    private static JsonObject render(DelegateViews.Detail view) {
        JsonArrayBuilder certificates = JsonBuilders.array();
        view.certificates().forEach(c -> certificates.add(render(c)));
        return JsonBuilders.object(render(view.ca())).add("certificates", certificates).build();
    }

    private static JsonObject render(DelegateViews.Ca ca) {
        JsonObjectBuilder json = JsonBuilders.object().add("spc", ca.spc()).add("numbers", entries(ca.numbers()))
                .add("keyAlias", ca.keyAlias()).add("serialNumber", ca.serialHex()).add("notAfter", ca.notAfter().toString())
                .add("certificateChain", ca.chainPem());
        put(json, "certificateUrl", ca.certificateUrl());
        return json.build();
    }

    private static JsonObject render(DelegateViews.Certificate c) {
        JsonObjectBuilder json = JsonBuilders.object().add("serialNumber", c.serialHex()).add("delegateSpc", c.delegateSpc())
                .add("holder", c.holder()).add("tnAuthList", entries(c.tnAuthList()))
                .add("tnAuthListBase64Url", c.tnAuthList().toBase64Url()).add("certificateUrl", c.certificateUrl())
                .add("notAfter", c.notAfter().toString()).add("certificateChain", c.chainPem());
        put(json, "revokedAt", c.revokedAt());
        put(json, "revocationReason", c.revocationReason());
        put(json, "stiPaReport", c.stiPaReport());
        return json.build();
    }

    private static JsonArray entries(TNAuthList list) {
        JsonArrayBuilder array = JsonBuilders.array();
        for (TNAuthList.Entry entry : list.entries()) {
            if (entry instanceof TNAuthList.Range range) {
                array.add(JsonBuilders.object().add("range", JsonBuilders.object().add("start", range.start())
                        .add("count", range.count())));
            } else if (entry instanceof TNAuthList.One one) {
                array.add(JsonBuilders.object().add("one", one.number()));
            } else {
                array.add(JsonBuilders.object().add("spc", ((TNAuthList.Spc) entry).code()));
            }
        }
        return array.build();
    }

    private static void put(JsonObjectBuilder json, String name, Object value) {
        if (value instanceof OffsetDateTime time) {
            json.add(name, time.toString());
        } else if (value != null) {
            json.add(name, value.toString());
        }
    }
}
