package org.shakenpki.it;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.Response;
import org.shakenpki.kms.CredentialIssued;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test-only signing service: the webhook the SP-KMS notifies (it checks the HMAC signature the way a
 * receiver must, and refuses what does not verify), and an observer of the in-process event.
 */
@jakarta.ws.rs.Path("/it-webhook")
@ApplicationScoped
public class WebhookProbe {
    public static final List<String> VERIFIED = new CopyOnWriteArrayList<>();
    public static final List<CredentialIssued> EVENTS = new CopyOnWriteArrayList<>();

    @POST
    public Response receive(@HeaderParam("X-Shaken-Pki-Signature") String signature, String body) throws Exception {
        String secret = Files.readString(Path.of(System.getProperty("it.data.dir"), "kms", "notify.secret")).strip();
        if (signature == null || !signature.matches("t=\\d+,v1=[0-9a-f]{64}")) {
            return Response.status(401).build();
        }
        String timestamp = signature.substring(2, signature.indexOf(','));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        if (!signature.endsWith("v1=" + expected)) {
            return Response.status(401).build();
        }
        VERIFIED.add(body);
        return Response.noContent().build();
    }

    void issued(@Observes(during = TransactionPhase.AFTER_SUCCESS) CredentialIssued event) {
        EVENTS.add(event);
    }
}
