package org.shakenpki.pa;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.shakenpki.audit.AuditLog;
import org.shakenpki.audit.Outcome;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;
import org.shakenpki.sks.KeyHandle;
import org.shakenpki.sks.KeyService;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Rolls the STI-PA's SPC-token signer and CRL signer over with an overlap, in two audited steps that only an STI-PA
 * administrator may take (authorise, act, audit: {@link PaAuthorization}):
 *
 * <ol>
 * <li>{@link #stage}: a new P-256 key on the {@code pa} token and a certificate for it under the STI-PA root, with
 *     the subject of the signer it will replace (the CRL signer's subject is the cRLIssuer every SHAKEN
 *     certificate names, ATIS-1000080 section 6.3.3). It is published at once (its download URL, and for the CRL
 *     signer in {@code sti-pa-crl-signer.crt}) and signs nothing yet;</li>
 * <li>{@link #activate}: the staged key becomes the one that signs; the replaced certificate stays published at its
 *     URL until it expires, so tokens whose x5u names it (RFC 7515 section 4.1.5) and the CRL it signed stay
 *     verifiable until they expire or are superseded. A CRL-signer activation issues no CRL: the CRL being
 *     published stays valid until its nextUpdate, and the next CRL (revocation or scheduled re-issue) is the new
 *     key's.</li>
 * </ol>
 *
 * The root is not rolled here: a new STI-PA root is a new trust anchor that every STI-CA and verifier must install.
 */
@Stateless
public class PaKeyRollover {
    private static final String STAGE = "pa.key.stage";
    private static final String ACTIVATE = "pa.key.activate";
    private static final int SIGNER_YEARS = 5;

    @PersistenceContext(unitName = "shakenpki")
    EntityManager em;

    @Inject
    Clock clock;

    @EJB
    PaAuthorization authorization;

    @EJB
    PaKeys keys;

    @EJB
    KeyService keyService;

    @EJB
    CrlPublisher crls;

    @EJB
    AuditLog audit;

    @Inject
    PaSettings settings;

    /**
     * Makes and publishes the next key of a signer.
     *
     * @param purpose the signer, null when the request named none
     * @throws ProblemException FORBIDDEN for anyone but an administrator; MALFORMED for the root or none; CONFLICT
     *                          when a next key is staged already
     */
    public Views.Signer stage(PaPrincipal caller, PaCertificate.Purpose purpose) {
        String subject = "sti-pa:" + (purpose == null ? "keys" : purpose);
        authorization.requireAdmin(caller, STAGE, subject);
        requireSigner(purpose);
        em.find(PaCertificate.class, purpose, LockModeType.PESSIMISTIC_WRITE);
        if (em.find(PaCertificateGeneration.class, PaCertificateGeneration.nextId(purpose)) != null) {
            throw new ProblemException(ProblemType.CONFLICT, "a next " + purpose + " key is staged already: activate it first");
        }
        X509Certificate current = keys.certificate(purpose);
        String alias = (purpose == PaCertificate.Purpose.TOKEN_SIGNER ? "sti-pa-token-signer-" : "sti-pa-crl-signer-")
                + UUID.randomUUID();
        KeyHandle key = keyService.createKey(PaKeys.TOKEN, alias, caller.userId());
        PaKeys.InUse root = keys.inUse(PaCertificate.Purpose.ROOT);
        X509Certificate next = PaCertificateBuilder.issued(X500Name.getInstance(current.getSubjectX500Principal().getEncoded()),
                key.publicKey(), root.certificate(), root.signer(), clock.instant(), SIGNER_YEARS,
                purpose == PaCertificate.Purpose.TOKEN_SIGNER ? KeyUsage.digitalSignature : KeyUsage.cRLSign);
        OffsetDateTime now = OffsetDateTime.now(clock);
        PaCertificateGeneration staged = PaCertificateGeneration.next(purpose, alias, der(next), now);
        em.persist(staged);
        em.flush();
        audit.record(caller.userId(), STAGE, subject, Outcome.SUCCESS,
                "serial " + next.getSerialNumber().toString(16) + " published, not signing yet");
        return view(purpose, "NEXT", next, now);
    }

    /**
     * Makes the staged key of a signer the one that signs; the replaced one stays published.
     *
     * @param purpose the signer, null when the request named none
     * @throws ProblemException FORBIDDEN for anyone but an administrator; MALFORMED for the root or none; CONFLICT
     *                          when no key is staged
     */
    public Views.Signer activate(PaPrincipal caller, PaCertificate.Purpose purpose) {
        String subject = "sti-pa:" + (purpose == null ? "keys" : purpose);
        authorization.requireAdmin(caller, ACTIVATE, subject);
        requireSigner(purpose);
        if (purpose == PaCertificate.Purpose.CRL_SIGNER) {
            crls.lockCrlNumber(); // no CRL is signed with the old key while the new one takes over
        }
        PaCertificate inUse = em.find(PaCertificate.class, purpose, LockModeType.PESSIMISTIC_WRITE);
        PaCertificateGeneration staged = em.find(PaCertificateGeneration.class, PaCertificateGeneration.nextId(purpose));
        if (inUse == null || staged == null) {
            throw new ProblemException(ProblemType.CONFLICT, "no next " + purpose + " key is staged: stage one first");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        X509Certificate replaced = inUse.certificate();
        em.persist(PaCertificateGeneration.retired(purpose, inUse.keyAlias(), inUse.der(), inUse.createdAt(), now));
        inUse.replaceWith(staged.keyAlias(), staged.der(), now);
        em.remove(staged);
        em.flush();
        X509Certificate activated = inUse.certificate();
        audit.record(caller.userId(), ACTIVATE, subject, Outcome.SUCCESS, "serial " + activated.getSerialNumber().toString(16)
                + " signs from now on; serial " + replaced.getSerialNumber().toString(16) + " retired, still published");
        return view(purpose, "CURRENT", activated, now);
    }

    /** Every published generation of the two signers, the one in use first. */
    public List<Views.Signer> list(PaPrincipal caller) {
        authorization.requireAdmin(caller, "pa.key.list", "sti-pa:keys");
        List<Views.Signer> result = new ArrayList<>();
        for (PaCertificate.Purpose purpose : List.of(PaCertificate.Purpose.TOKEN_SIGNER, PaCertificate.Purpose.CRL_SIGNER)) {
            PaCertificate inUse = em.find(PaCertificate.class, purpose);
            if (inUse != null) {
                result.add(view(purpose, "CURRENT", inUse.certificate(), inUse.createdAt()));
            }
            for (PaCertificateGeneration generation : keys.generations(purpose)) {
                result.add(view(purpose, generation.state().name(), generation.certificate(), generation.changedAt()));
            }
        }
        return result;
    }

    private Views.Signer view(PaCertificate.Purpose purpose, String state, X509Certificate certificate, OffsetDateTime since) {
        return new Views.Signer(purpose.name(), state, certificate.getSerialNumber().toString(16),
                certificate.getSubjectX500Principal().getName(), certificate.getNotAfter().toInstant(), since,
                settings.publicUrl() + "/download/v1/certificate/" + PaKeys.downloadName(certificate));
    }

    private static void requireSigner(PaCertificate.Purpose purpose) {
        if (purpose == null || purpose == PaCertificate.Purpose.ROOT) {
            throw new ProblemException(ProblemType.MALFORMED,
                    "the key is token-signer or crl-signer (the STI-PA root is not rolled over)");
        }
    }

    private static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
