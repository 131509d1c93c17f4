package org.shakenpki.web.acme;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.shakenpki.ca.AcmeProfiles;
import org.shakenpki.ca.CaSettings;
import org.shakenpki.web.JsonBuilders;

/**
 * The ACME directory (RFC 8555 section 7.1.1). No pre-authorization, so no newAuthz; {@code renewalInfo} for ACME
 * Renewal Information (RFC 9773 section 3) and {@code meta.profiles} for ACME profiles (draft-ietf-acme-profiles
 * section 3).
 */
@Path("/acme/directory")
@RequestScoped
public class DirectoryResource {

    @Inject
    CaSettings settings;

    @Context
    UriInfo uriInfo;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String directory() {
        AcmeUrls urls = AcmeUrls.of(uriInfo, settings);
        JsonObjectBuilder meta = JsonBuilders.object().add("externalAccountRequired", settings.externalAccountRequired());
        settings.termsOfService().ifPresent(url -> meta.add("termsOfService", url));
        JsonObjectBuilder profiles = JsonBuilders.object();
        AcmeProfiles.of(settings).all().forEach(p -> profiles.add(p.name(), p.description()));
        meta.add("profiles", profiles);
        return JsonBuilders.object()
                .add("newNonce", urls.path("new-nonce"))
                .add("newAccount", urls.path("new-account"))
                .add("newOrder", urls.path("new-order"))
                .add("revokeCert", urls.path("revoke-cert"))
                .add("keyChange", urls.path("key-change"))
                .add("renewalInfo", urls.path("renewal-info"))
                .add("meta", meta)
                .build().toString();
    }
}
