package org.shakenpki.stir;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.shakenpki.audit.AuditLog;
import org.shakenpki.audit.Outcome;
import org.shakenpki.net.WebhookSignature;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;
import org.shakenpki.sks.SecureKeyStore;
import org.shakenpki.sks.Signer;

import java.io.IOException;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code remote} adapter of {@link SigningCredentialSource}: the credentials of an SP-KMS that runs elsewhere
 * (of this project or another vendor), whose keys are on a PKCS#11 token this STI-AS opens too (the key store role
 * {@code shakenpki.as.credentials.token-role}). It signs with the configured key and x5u until the SP-KMS's first
 * notification, then with what each notification announces ({@link CredentialNotice}).
 *
 * <p>A notification is taken only when its {@link WebhookSignature} verifies with the shared secret and was made
 * within the tolerance of this clock (401 otherwise), and only for a key that is on the token and matches the
 * public key of the certificate at the announced URL, a SHAKEN certificate that is valid now and names the
 * announced SPC (409 otherwise): a notification cannot make the STI-AS sign with a key its certificate does not
 * vouch for. A notification signed before the one in use for that SPC (a replay within the tolerance) changes
 * nothing. Each switch and each refusal is audited.
 *
 * <p>What was announced is held in memory: after a restart the configured credential applies until the next
 * notification, and in a cluster only the node the notification reached switches (the SP-KMS keeps the old key
 * for its grace period, so the other nodes' signatures stay valid until they are told or restarted).
 */
@ApplicationScoped
@CredentialSourceKind(AsSettings.REMOTE)
public class RemoteSigningCredentials implements SigningCredentialSource {
    private static final String ACTOR = "sti-as";

    @Inject
    AsSettings settings;

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

    /** A credential and the signing time of the notification that announced it (the epoch for the configured one). */
    private record Held(SigningCredential credential, Instant announcedAt) {
    }

    private final Map<String, Held> bySpc = new ConcurrentHashMap<>();
    private volatile boolean initialLoaded;

    @Override
    public List<SigningCredential> usable() {
        loadInitial();
        return bySpc.values().stream().map(Held::credential).toList();
    }

    /**
     * Takes a notification of the SP-KMS ({@code POST /stir/v1/credential-notifications}).
     *
     * @param signature the {@code X-Shaken-Pki-Signature} header, or null
     * @param body      the request body as received
     * @throws ProblemException NOT_FOUND when this STI-AS takes its credentials from the local SP-KMS,
     *                          UNAUTHENTICATED for a bad signature, MALFORMED for a body that is no notification,
     *                          CONFLICT for a key or certificate the STI-AS cannot sign with,
     *                          SERVICE_UNAVAILABLE when the certificate cannot be fetched (the SP-KMS retries)
     */
    public void notified(String signature, String body) {
        if (!AsSettings.REMOTE.equals(settings.credentialSource())) {
            throw new ProblemException(ProblemType.NOT_FOUND,
                    "this STI-AS takes its credentials from the SP-KMS of its own deployment (shakenpki.as.credentials=local)");
        }
        String secret = settings.notifySecret().orElseThrow(() -> new ProblemException(ProblemType.SERVICE_UNAVAILABLE,
                "shakenpki.as.credentials.notify-secret-file is not configured: no notification can be checked"));
        Instant signedAt;
        try {
            signedAt = WebhookSignature.verify(signature, secret, body, clock.instant(), settings.notifyTolerance());
        } catch (WebhookSignature.Refused e) {
            throw refused(ProblemType.UNAUTHENTICATED, "sp-kms", "the notification is refused: " + e.getMessage());
        }
        CredentialNotice notice = CredentialNotice.parse(body);
        if (!notice.isIssued()) {
            return; // another kind of event: nothing for the STI-AS to do
        }
        SigningCredential credential;
        try {
            credential = credential(notice.keyAlias(), notice.certificateUrl());
        } catch (ProblemException e) {
            throw e.type() == ProblemType.CONFLICT ? refused(ProblemType.CONFLICT, "spc:" + notice.spc(), e.detail()) : e;
        }
        if (!credential.spc().equals(notice.spc())) {
            throw refused(ProblemType.CONFLICT, "spc:" + notice.spc(), "the certificate at " + notice.certificateUrl()
                    + " is of SPC " + credential.spc() + ", the notification names SPC " + notice.spc());
        }
        Held prior = bySpc.get(credential.spc());
        if (prior != null && prior.announcedAt().isAfter(signedAt)) {
            return; // older than the credential in use: a replay, or a notification overtaken by its successor
        }
        bySpc.put(credential.spc(), new Held(credential, signedAt));
        audit.recordIndependently(ACTOR, "as.credential.switch", "spc:" + credential.spc(), Outcome.SUCCESS,
                "key " + notice.keyAlias() + " on token " + settings.credentialTokenRole() + ", x5u " + credential.x5u()
                        + ", not after " + credential.notAfter());
        changes.fire(new SigningCredentialChanged(credential.spc(), notice.keyAlias()));
    }

    private void loadInitial() {
        if (initialLoaded) {
            return;
        }
        synchronized (this) {
            if (!initialLoaded) {
                settings.initialCredential().ifPresent(initial -> {
                    SigningCredential credential = credential(initial.keyAlias(), initial.x5u());
                    bySpc.putIfAbsent(credential.spc(), new Held(credential, Instant.EPOCH));
                });
                initialLoaded = true;
            }
        }
    }

    /** The credential of a key on the token and the certificate chain at an x5u, after checking they belong together. */
    SigningCredential credential(String keyAlias, String x5u) {
        URI uri;
        try {
            uri = URI.create(x5u);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.MALFORMED, "certificateUrl is not a URL");
        }
        if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new ProblemException(ProblemType.MALFORMED, "certificateUrl must be an https URL (ATIS-1000074 section 5.3.1)");
        }
        Signer signer;
        try {
            signer = keyStore.token(settings.credentialTokenRole()).signer(keyAlias);
        } catch (ProblemException e) {
            if (e.type() != ProblemType.NOT_FOUND) {
                throw e;
            }
            throw new ProblemException(ProblemType.CONFLICT, "the key store token of role " + settings.credentialTokenRole()
                    + " has no key " + keyAlias + ": the SP-KMS must make its keys on a token this STI-AS opens");
        }
        List<X509Certificate> chain;
        try {
            chain = chains.chain(uri);
        } catch (IOException e) {
            throw new ProblemException(ProblemType.SERVICE_UNAVAILABLE, "the certificate at " + x5u
                    + " cannot be fetched: " + e.getMessage());
        }
        X509Certificate leaf = chain.get(0);
        if (!Arrays.equals(leaf.getPublicKey().getEncoded(), signer.publicKey().getEncoded())) {
            throw new ProblemException(ProblemType.CONFLICT, "the certificate at " + x5u + " is not for key " + keyAlias);
        }
        String spc;
        try {
            spc = SigningCertificate.spc(leaf, false);
        } catch (Rejected e) {
            throw new ProblemException(ProblemType.CONFLICT, e.getMessage());
        }
        Instant now = clock.instant();
        if (now.isBefore(leaf.getNotBefore().toInstant()) || now.isAfter(leaf.getNotAfter().toInstant())) {
            throw new ProblemException(ProblemType.CONFLICT, "the certificate at " + x5u + " is valid from "
                    + leaf.getNotBefore().toInstant() + " to " + leaf.getNotAfter().toInstant() + ", not now");
        }
        return new SigningCredential(spc, signer, x5u, leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant());
    }

    private ProblemException refused(ProblemType type, String subject, String detail) {
        audit.recordIndependently(ACTOR, "as.credential.notification", subject, Outcome.FAILURE, detail);
        return new ProblemException(type, detail);
    }
}
