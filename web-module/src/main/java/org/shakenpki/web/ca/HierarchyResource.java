package org.shakenpki.web.ca;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.shakenpki.ca.CaKeyAdministration;
import org.shakenpki.pkix.Pem;
import org.shakenpki.web.JsonBuilders;

import java.security.cert.X509Certificate;

/**
 * The STI-CA's hierarchy for its operator (Bearer admin token, {@code <data-dir>/ca/admin.token}):
 * {@code GET /sti-ca/admin/v1/hierarchy} shows the root, the intermediate in use and the retired intermediates;
 * {@code POST /sti-ca/admin/v1/hierarchy/intermediate/roll} rolls the intermediate over (a new key and intermediate
 * under the root issue from then on; certificates of the old one keep verifying). The resource passes the header
 * on; {@link CaKeyAdministration} authorises, acts and audits.
 */
@Path("/sti-ca/admin/v1/hierarchy")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class HierarchyResource {

    @Inject
    CaKeyAdministration administration;

    @GET
    public JsonObject show(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return render(administration.show(authorization));
    }

    @POST
    @Path("intermediate/roll")
    @Consumes(MediaType.WILDCARD)
    public JsonObject roll(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return render(administration.rollIntermediate(authorization));
    }

    private static JsonObject render(CaKeyAdministration.Hierarchy hierarchy) {
        JsonArrayBuilder retired = JsonBuilders.array();
        hierarchy.retired().forEach(c -> retired.add(render(c)));
        return JsonBuilders.object().add("root", render(hierarchy.root())).add("intermediate", render(hierarchy.intermediate()))
                .add("retired", retired).build();
    }

    private static JsonObject render(X509Certificate certificate) {
        return JsonBuilders.object().add("subject", certificate.getSubjectX500Principal().getName())
                .add("serialNumber", certificate.getSerialNumber().toString(16))
                .add("notAfter", certificate.getNotAfter().toInstant().toString())
                .add("certificate", Pem.encode(certificate)).build();
    }
}
