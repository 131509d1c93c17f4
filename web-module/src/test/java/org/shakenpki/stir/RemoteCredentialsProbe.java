package org.shakenpki.stir;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.shakenpki.config.SettingReader;
import org.shakenpki.audit.AuditLog;
import org.shakenpki.net.WebhookSignature;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.sks.SecureKeyStore;

import java.util.Map;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Test-only: the {@code remote} credential source over this server's real PKCS#11 {@code kms} token and x5u
 * fetcher, as an STI-AS beside an SP-KMS elsewhere would run it (this deployment runs {@code local}, so the
 * adapter is wired here by hand). It is given a forged notification, then a genuine one, of an SP-KMS credential,
 * and reports what it did and whether the key it then signs with verifies under the certificate at the x5u.
 */
@jakarta.ws.rs.Path("/it-remote-credentials")
@ApplicationScoped
public class RemoteCredentialsProbe {
    private static final String SECRET = "remote-probe-secret";

    @EJB
    SecureKeyStore keyStore;

    @Inject
    X5uChains chains;

    @Inject
    Clock clock;

    @EJB
    AuditLog audit;

    @Inject
    Event<SigningCredentialChanged> changes;

    @POST
    @Produces(MediaType.TEXT_PLAIN)
    public String run(@QueryParam("spc") String spc, @QueryParam("keyAlias") String keyAlias, @QueryParam("x5u") String x5u)
            throws Exception {
        Path secret = Files.createTempFile("remote-probe", ".secret");
        Files.writeString(secret, SECRET);
        AsSettings settings = AsSettings.from(SettingReader.of(Map.of("shakenpki.as.credentials", AsSettings.REMOTE,
                "shakenpki.as.credentials.token-role", "kms", "shakenpki.as.credentials.notify-secret-file", secret.toString(),
                "shakenpki.as.credentials.notify-tolerance", "PT5M", "shakenpki.as.admin-token-file", "/nonexistent/admin.token")));
        RemoteSigningCredentials remote = new RemoteSigningCredentials();
        remote.settings = settings;
        remote.keyStore = keyStore;
        remote.chains = chains;
        remote.clock = clock;
        remote.audit = audit;
        remote.changes = changes;

        String body = "{\"event\":\"credential.issued\",\"spc\":\"" + spc + "\",\"keyAlias\":\"" + keyAlias
                + "\",\"certificateUrl\":\"" + x5u + "\"}";
        StringBuilder report = new StringBuilder();
        try {
            remote.notified(WebhookSignature.sign("guessed-secret", clock.instant(), body), body);
            report.append("forged: accepted\n");
        } catch (ProblemException e) {
            report.append("forged: ").append(e.type()).append('\n');
        }
        report.append("usable after forged: ").append(remote.usable().size()).append('\n');
        remote.notified(WebhookSignature.sign(SECRET, clock.instant(), body), body);
        SigningCredential credential = remote.usable().get(0);
        byte[] data = "remote probe".getBytes(StandardCharsets.US_ASCII);
        Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
        verifier.initVerify(chains.chain(URI.create(x5u)).get(0).getPublicKey());
        verifier.update(data);
        report.append("genuine: ").append(credential.spc()).append(' ').append(credential.x5u())
                .append(" verifies ").append(verifier.verify(credential.signer().signRaw(data))).append('\n');
        Files.delete(secret);
        return report.toString();
    }
}
