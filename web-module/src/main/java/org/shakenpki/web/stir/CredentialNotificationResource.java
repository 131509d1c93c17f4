package org.shakenpki.web.stir;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.shakenpki.net.WebhookSignature;
import org.shakenpki.stir.CredentialSourceKind;
import org.shakenpki.stir.RemoteSigningCredentials;
import org.shakenpki.stir.AsSettings;

import java.nio.charset.StandardCharsets;

/**
 * The STI-AS's webhook for an SP-KMS that runs elsewhere ({@code shakenpki.as.credentials=remote}):
 * {@code POST /stir/v1/credential-notifications} with the SP-KMS's notification as body and its
 * {@code X-Shaken-Pki-Signature} header answers 204 once the STI-AS signs with the announced credential.
 * The body is passed on as received, bytes decoded as UTF-8, because the signature covers it exactly;
 * {@link RemoteSigningCredentials} checks the signature and everything else (401, 400, 409, 503; 404 when the
 * STI-AS takes its credentials from its own deployment's SP-KMS).
 */
@Path("/stir/v1/credential-notifications")
@RequestScoped
public class CredentialNotificationResource {

    @Inject
    @CredentialSourceKind(AsSettings.REMOTE)
    RemoteSigningCredentials credentials;

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response notified(@HeaderParam(WebhookSignature.HEADER) String signature, byte[] body) {
        credentials.notified(signature, new String(body == null ? new byte[0] : body, StandardCharsets.UTF_8));
        return Response.noContent().build();
    }
}
