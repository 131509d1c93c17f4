package org.shakenpki.web.ca;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.shakenpki.ca.RenewalWindows;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;
import org.shakenpki.web.JsonBodies;
import org.shakenpki.web.JsonBuilders;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The STI-CA operator's pull of ACME Renewal Information windows (RFC 9773; Bearer admin token, as the subscriber
 * administration): {@code POST /sti-ca/admin/v1/renewal-windows/pull-forward} with exactly one of
 * {@code "serials": ["<hex>", ...]}, {@code "spc": "<SPC>"} or {@code "all": true}, and optionally {@code "by"} (RFC
 * 3339; default now: renew at once) and {@code "explanationUrl"}, answers which windows moved
 * ({@code serialNumber}, {@code certID}, {@code start}, {@code end}) and how many selected certificates kept theirs.
 * {@link RenewalWindows} authorises, acts and audits.
 */
@Path("/sti-ca/admin/v1/renewal-windows")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class RenewalWindowResource {

    @Inject
    RenewalWindows windows;

    @POST
    @Path("pull-forward")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject pullForward(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, JsonValue body) {
        JsonObject request = JsonBodies.object(body);
        Boolean all = JsonBodies.optionalBoolean(request, "all");
        RenewalWindows.Selection selection = new RenewalWindows.Selection(
                request.containsKey("serials") ? JsonBodies.optionalStrings(request, "serials") : null,
                JsonBodies.optionalString(request, "spc"), Boolean.TRUE.equals(all));
        String by = JsonBodies.optionalString(request, "by");
        OffsetDateTime until;
        try {
            until = by == null ? null : OffsetDateTime.parse(by);
        } catch (DateTimeParseException e) {
            throw new ProblemException(ProblemType.MALFORMED, "by must be an RFC 3339 date-time, such as 2026-12-01T18:00:00Z");
        }
        RenewalWindows.Pulled pulled = windows.pullForward(authorization, selection, until,
                JsonBodies.optionalString(request, "explanationUrl"));
        JsonArrayBuilder moved = JsonBuilders.array();
        pulled.moved().forEach(m -> moved.add(JsonBuilders.object().add("serialNumber", m.serialHex()).add("certID", m.certId())
                .add("start", m.start().toString()).add("end", m.end().toString())));
        return JsonBuilders.object().add("moved", moved).add("unchanged", pulled.unchanged()).build();
    }
}
