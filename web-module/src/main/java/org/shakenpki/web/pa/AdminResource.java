package org.shakenpki.web.pa;

import org.shakenpki.web.JsonBodies;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.shakenpki.audit.AuditEntry;
import org.shakenpki.audit.ChainVerification;
import org.shakenpki.pa.AccountAdministration;
import org.shakenpki.pa.PaAuditTrail;
import org.shakenpki.pa.PaCertificate;
import org.shakenpki.pa.PaKeyRollover;
import org.shakenpki.pa.PaPrincipal;
import org.shakenpki.pa.RevocationService;
import org.shakenpki.pa.TrustListService;
import org.shakenpki.pa.UserRole;
import org.shakenpki.pa.Views;
import org.shakenpki.pkix.Pem;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;
import org.shakenpki.web.JsonBuilders;

import java.util.Locale;

/**
 * The STI-PA administration API, for administrators only (access token or HTTP Basic): service-provider
 * accounts and SPCs, users, the STI-CA trust list, the list of revocations, the rollover of the SPC-token
 * signer and CRL signer ({@code /keys}, {@link org.shakenpki.pa.PaKeyRollover}), and the audit log with the
 * verification of its hash chain ({@code org.shakenpki.audit}). The resource only establishes the caller and
 * passes it on; each EJB method checks it first ({@link org.shakenpki.pa.PaAuthorization}).
 */
@Path("/api/v1/admin")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AdminResource {

    @Inject
    Credentials credentials;

    @Inject
    AccountAdministration accounts;

    @Inject
    TrustListService trustList;

    @Inject
    RevocationService revocations;

    @Inject
    PaAuditTrail auditTrail;

    @Inject
    PaKeyRollover rollover;

    @Context
    HttpHeaders headers;

    @GET
    @Path("accounts")
    public JsonArray listAccounts() {
        JsonArrayBuilder array = JsonBuilders.array();
        accounts.accounts(caller()).forEach(view -> array.add(render(view)));
        return array.build();
    }

    @POST
    @Path("accounts")
    public Response createAccount(JsonValue body) {
        JsonObject request = JsonBodies.object(body);
        var view = accounts.createAccount(caller(), JsonBodies.string(request, "accountId"),
                JsonBodies.string(request, "name"), Boolean.TRUE.equals(JsonBodies.optionalBoolean(request, "caAllowed")),
                JsonBodies.optionalStrings(request, "spcs"));
        return Response.status(Response.Status.CREATED).entity(render(view)).build();
    }

    @GET
    @Path("accounts/{accountId}")
    public JsonObject account(@PathParam("accountId") String accountId) {
        return render(accounts.account(caller(), accountId));
    }

    @PATCH
    @Path("accounts/{accountId}")
    public JsonObject updateAccount(@PathParam("accountId") String accountId, JsonValue body) {
        JsonObject request = JsonBodies.object(body);
        return render(accounts.updateAccount(caller(), accountId, JsonBodies.optionalBoolean(request, "active"),
                JsonBodies.optionalBoolean(request, "caAllowed")));
    }

    @POST
    @Path("accounts/{accountId}/spcs")
    public Response addSpc(@PathParam("accountId") String accountId, JsonValue body) {
        Views.Spc code = accounts.addSpc(caller(), accountId, JsonBodies.string(JsonBodies.object(body), "spc"));
        return Response.status(Response.Status.CREATED).entity(render(code)).build();
    }

    @PATCH
    @Path("accounts/{accountId}/spcs/{spc}")
    public JsonObject updateSpc(@PathParam("accountId") String accountId, @PathParam("spc") String spc, JsonValue body) {
        Boolean active = JsonBodies.optionalBoolean(JsonBodies.object(body), "active");
        if (active == null) {
            throw new ProblemException(ProblemType.MALFORMED, "active must be true or false");
        }
        return render(accounts.setSpcActive(caller(), accountId, spc, active));
    }

    @POST
    @Path("users")
    public Response createUser(JsonValue body) {
        JsonObject request = JsonBodies.object(body);
        String userId = JsonBodies.string(request, "userId");
        UserRole role = role(JsonBodies.string(request, "role"));
        var generated = accounts.createUser(caller(), userId, role, JsonBodies.optionalString(request, "accountId"),
                JsonBodies.optionalString(request, "password"), JsonBodies.optionalString(request, "caFingerprint"));
        JsonObjectBuilder response = JsonBuilders.object().add("userId", userId).add("role", role.name());
        generated.ifPresent(password -> response.add("password", password));
        return Response.status(Response.Status.CREATED).entity(response.build()).build();
    }

    @PATCH
    @Path("users/{userId}")
    public JsonObject updateUser(@PathParam("userId") String userId, JsonValue body) {
        JsonObject request = JsonBodies.object(body);
        Boolean active = JsonBodies.optionalBoolean(request, "active");
        String caFingerprint = JsonBodies.optionalString(request, "caFingerprint");
        if (active == null && caFingerprint == null) {
            throw new ProblemException(ProblemType.MALFORMED, "send active (true or false) or caFingerprint");
        }
        PaPrincipal caller = caller();
        JsonObjectBuilder response = JsonBuilders.object().add("userId", userId);
        if (caFingerprint != null) {
            accounts.bindUserToCa(caller, userId, caFingerprint);
            response.add("caFingerprint", caFingerprint);
        }
        if (active != null) {
            accounts.setUserActive(caller, userId, active);
            response.add("active", active);
        }
        return response.build();
    }

    @GET
    @Path("trust-anchors")
    public JsonArray trustAnchors() {
        JsonArrayBuilder array = JsonBuilders.array();
        trustList.anchors(caller()).forEach(anchor -> array.add(render(anchor)));
        return array.build();
    }

    @POST
    @Path("trust-anchors")
    public Response addTrustAnchor(JsonValue body) {
        Views.Anchor anchor = trustList.add(caller(), JsonBodies.string(JsonBodies.object(body), "certificate"));
        return Response.status(Response.Status.CREATED).entity(render(anchor)).build();
    }

    @DELETE
    @Path("trust-anchors/{fingerprint}")
    public Response removeTrustAnchor(@PathParam("fingerprint") String fingerprint) {
        trustList.remove(caller(), fingerprint);
        return Response.noContent().build();
    }

    @GET
    @Path("revocations")
    public JsonArray listRevocations() {
        JsonArrayBuilder array = JsonBuilders.array();
        revocations.list(caller()).forEach(r -> array.add(JsonBuilders.object()
                .add("issuer", r.issuerName()).add("serialNumber", r.serialHex()).add("reason", r.reason())
                .add("revokedAt", r.revokedAt().toString()).add("requestedBy", r.requestedBy())));
        return array.build();
    }

    /**
     * The newest audit records (at most {@code limit}, 1-1000), optionally of one subject; newest first; each with
     * the {@code requestId} (X-Request-Id) of the request that wrote it, null for timers.
     */
    @GET
    @Path("audit")
    public JsonArray audit(@QueryParam("limit") @DefaultValue("100") String limit, @QueryParam("subject") String subject) {
        PaPrincipal caller = caller();
        int count = limit(limit);
        JsonArrayBuilder array = JsonBuilders.array();
        auditTrail.latest(caller, subject, count).forEach(r -> array.add(render(r)));
        return array.build();
    }

    /** Seals the committed records not sealed yet, then verifies the whole audit chain. */
    @GET
    @Path("audit/chain")
    public JsonObject auditChain() {
        return render(auditTrail.sealAndVerify(caller()));
    }

    /** The published generations of the SPC-token signer and the CRL signer (key rollover). */
    @GET
    @Path("keys")
    public JsonArray keys() {
        JsonArrayBuilder array = JsonBuilders.array();
        rollover.list(caller()).forEach(signer -> array.add(render(signer)));
        return array.build();
    }

    /** Stages the next key of a signer ({@code token-signer} or {@code crl-signer}): made, certified, published. */
    @POST
    @Path("keys/{purpose}/stage")
    @Consumes(MediaType.WILDCARD)
    public Response stageKey(@PathParam("purpose") String purpose) {
        PaPrincipal caller = caller();
        return Response.status(Response.Status.CREATED).entity(render(rollover.stage(caller, purpose(purpose)))).build();
    }

    /** Makes the staged key of a signer the one that signs; the replaced certificate stays published. */
    @POST
    @Path("keys/{purpose}/activate")
    @Consumes(MediaType.WILDCARD)
    public JsonObject activateKey(@PathParam("purpose") String purpose) {
        PaPrincipal caller = caller();
        return render(rollover.activate(caller, purpose(purpose)));
    }

    /** The purpose a path names, or null for none: the EJB authorises the caller before it refuses that. */
    private static PaCertificate.Purpose purpose(String name) {
        String normal = name.toUpperCase(Locale.ROOT).replace('-', '_');
        for (PaCertificate.Purpose purpose : PaCertificate.Purpose.values()) {
            if (purpose.name().equals(normal)) {
                return purpose;
            }
        }
        return null;
    }

    private static JsonObject render(Views.Signer signer) {
        return JsonBuilders.object().add("purpose", signer.purpose()).add("state", signer.state())
                .add("serialNumber", signer.serialHex()).add("subject", signer.subject())
                .add("notAfter", signer.notAfter().toString()).add("since", signer.since().toString())
                .add("url", signer.url()).build();
    }

    /** Who calls; whether that caller may do what it asks is for the EJB it is passed to. */
    private PaPrincipal caller() {
        return credentials.caller(headers);
    }

    private static int limit(String text) {
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= 1000) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new ProblemException(ProblemType.MALFORMED, "limit must be a number from 1 to 1000");
    }

    private static UserRole role(String name) {
        try {
            return UserRole.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.MALFORMED, "role is one of ADMIN, SP_API, SP_ADMIN, STI_CA, VERIFIER");
        }
    }

    private static JsonObject render(Views.Account view) {
        JsonArrayBuilder spcs = JsonBuilders.array();
        view.spcs().forEach(spc -> spcs.add(render(spc)));
        return JsonBuilders.object()
                .add("accountId", view.accountId())
                .add("name", view.name())
                .add("active", view.active())
                .add("caAllowed", view.caAllowed())
                .add("createdAt", view.createdAt().toString())
                .add("spcs", spcs)
                .build();
    }

    private static JsonObject render(Views.Spc code) {
        return JsonBuilders.object().add("spc", code.spc()).add("active", code.active()).build();
    }

    private static JsonObject render(AuditEntry record) {
        JsonObjectBuilder json = JsonBuilders.object().add("id", record.id());
        if (record.chainSeq() == null) {
            json.addNull("chainSeq").addNull("chainHash");
        } else {
            json.add("chainSeq", record.chainSeq()).add("chainHash", record.chainHash());
        }
        if (record.requestId() == null) {
            json.addNull("requestId");
        } else {
            json.add("requestId", record.requestId());
        }
        return json.add("occurredAt", record.occurredAt().toString())
                .add("actor", record.actor())
                .add("action", record.action())
                .add("subject", record.subject())
                .add("outcome", record.outcome().name())
                .add("detail", record.detail())
                .build();
    }

    private static JsonObject render(ChainVerification result) {
        JsonObjectBuilder json = JsonBuilders.object()
                .add("intact", result.intact())
                .add("sealed", result.sealed())
                .add("unsealed", result.unsealed())
                .add("headSeq", result.headSeq())
                .add("headHash", result.headHash());
        if (result.firstBrokenSeq() == null) {
            json.addNull("firstBrokenSeq").addNull("problem");
        } else {
            json.add("firstBrokenSeq", result.firstBrokenSeq()).add("problem", result.problem());
        }
        return json.build();
    }

    private static JsonObject render(Views.Anchor anchor) {
        return JsonBuilders.object()
                .add("fingerprint", anchor.fingerprint())
                .add("subject", anchor.subject())
                .add("addedAt", anchor.addedAt().toString())
                .add("certificate", Pem.encode(anchor.certificate()))
                .build();
    }
}
