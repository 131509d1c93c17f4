package org.shakenpki.kms;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.shakenpki.net.PemTrust;
import org.shakenpki.pkix.CertificateExtensions;
import org.shakenpki.pkix.CertificateSigning;
import org.shakenpki.pkix.Fingerprints;
import org.shakenpki.pkix.Pem;
import org.shakenpki.pkix.ShakenProfile;
import org.shakenpki.pkix.SpcSyntax;
import org.shakenpki.pkix.TNAuthList;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;
import org.shakenpki.sks.SecureKeyStore;
import org.shakenpki.sks.Signer;
import org.shakenpki.stipa.StiPaClient;
import org.shakenpki.stipa.StiPaClients;
import org.shakenpki.stipa.StiPaFailure;
import org.shakenpki.trust.TnAuthScope;
import org.shakenpki.trust.UntrustedPath;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Session;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The SP-KMS as a subordinate CA for telephone numbers (RFC 9060, ATIS-1000092), what the admin API under
 * {@code /kms/v1/delegates} and {@code ./shaken-pki kms delegate} do:
 * <ol>
 *   <li><b>obtain a delegate CA certificate</b> for an SPC: a new key on the {@value DelegateStore#TOKEN} token, an
 *       SPC token with {@code ca:true} from the STI-PA (RFC 9448 section 5.4; the STI-PA grants it only to accounts
 *       allowed delegate certificates), the ACME order with a CSR asking cA=TRUE (RFC 9448 section 6), the
 *       certificate checked to be a CA for the HSM key with the order's TNAuthList. The operator names the numbers
 *       the provider may delegate from (the STI-PA attests SPCs, not numbers);</li>
 *   <li><b>issue an end-entity delegate certificate</b> to an enterprise or reseller from its CSR (the SP-KMS
 *       never holds the holder's key): its TNAuthList of numbers and ranges must lie within the delegate CA
 *       certificate's TNAuthList and the declared numbers ({@link TnAuthScope}, RFC 9060 section 4), it is linted
 *       ({@link ShakenProfile.Kind#DELEGATE_END_ENTITY}) before the HSM signs, and its chain (leaf, delegate CA,
 *       STI-CA intermediate, RFC 8225 section 5.1.1 order) is published in the STI-CR;</li>
 *   <li><b>revoke</b> it: recorded here, then reported to the STI-PA's revocation API as the SP-KMS's SP_API user,
 *       so that the STI-PA CRL (the one SHAKEN CRL, ATIS-1000080 section 5.3.3) lists it. A refused or failed
 *       report is kept with the certificate and can be retried by revoking again.</li>
 * </ol>
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DelegateAuthority {
    private static final Set<String> REASONS = Set.of("unspecified", "keyCompromise", "affiliationChanged", "superseded",
            "cessationOfOperation", "privilegeWithdrawn");
    private static final int MAX_VALIDITY_DAYS = 365;

    @EJB
    DelegateStore store;

    @EJB
    AcmeAccounts accounts;

    @EJB
    SecureKeyStore keyStore;

    @Inject
    StiPaClients stiPa;

    @Inject
    KmsSettings settings;

    @Inject
    Config config;

    @Inject
    Clock clock;

    /** Obtains the delegate CA certificate of an SPC, synchronously (the call waits for the STI-CA). */
    public DelegateViews.Detail createCa(String actor, String spc, TNAuthList numbers) {
        requireEnabled();
        if (spc == null || !SpcSyntax.isValid(spc)) {
            throw new ProblemException(ProblemType.MALFORMED, SpcSyntax.RULE);
        }
        if (numbers.entries().stream().anyMatch(TNAuthList.Spc.class::isInstance)) {
            throw new ProblemException(ProblemType.MALFORMED, "numbers are telephone numbers and ranges");
        }
        if (store.ca(spc).isPresent()) {
            throw new ProblemException(ProblemType.CONFLICT, "SPC " + spc + " already has a delegate CA");
        }
        String alias = store.createKey(actor, spc);
        DelegateCa ca;
        try {
            ca = order(spc, alias, numbers);
        } catch (IssuanceFailure e) {
            store.deleteKey(actor, alias, e.getMessage());
            // the STI-PA's refusal (an account not allowed delegate certificates) is the caller's to fix: 403
            boolean refused = e.getCause() instanceof StiPaFailure failure && failure.kind() == StiPaFailure.Kind.REFUSED;
            throw new ProblemException(refused ? ProblemType.FORBIDDEN : ProblemType.SERVICE_UNAVAILABLE,
                    "no delegate CA certificate for SPC " + spc + ": " + e.getMessage());
        } catch (RuntimeException e) {
            store.deleteKey(actor, alias, String.valueOf(e.getMessage()));
            throw e;
        }
        try {
            store.saveCa(actor, ca);
        } catch (RuntimeException e) {
            // another request for the same SPC won the race (primary key): its delegate CA stands, this key goes
            store.deleteKey(actor, alias, "not recorded: " + e.getMessage());
            if (store.ca(spc).isPresent()) {
                throw new ProblemException(ProblemType.CONFLICT, "SPC " + spc + " already has a delegate CA");
            }
            throw e;
        }
        return show(spc);
    }

    public List<DelegateViews.Ca> list() {
        requireEnabled();
        return store.cas().stream().map(DelegateViews.Ca::of).toList();
    }

    public DelegateViews.Detail show(String spc) {
        requireEnabled();
        DelegateCa ca = find(spc);
        return new DelegateViews.Detail(DelegateViews.Ca.of(ca),
                store.certificates(spc).stream().map(DelegateViews.Certificate::of).toList());
    }

    /**
     * Issues an end-entity delegate certificate under the delegate CA of {@code spc}.
     *
     * @param holder       the enterprise or reseller (the subject O)
     * @param country      its ISO 3166-1 alpha-2 country (subject C), or null for US
     * @param validityDays at most 365 and never beyond the delegate CA certificate, or null for 90
     */
    public DelegateViews.Certificate issue(String actor, String spc, byte[] csr, TNAuthList list, String holder,
                                           String country, Integer validityDays) {
        requireEnabled();
        DelegateCa ca = find(spc);
        if (holder == null || holder.isBlank() || holder.length() > 200) {
            throw new ProblemException(ProblemType.MALFORMED, "holder (the enterprise or reseller) is required, at most 200 characters");
        }
        String c = country == null ? "US" : country;
        if (!c.matches("[A-Z]{2}")) {
            throw new ProblemException(ProblemType.MALFORMED, "country is an ISO 3166-1 alpha-2 code");
        }
        int days = validityDays == null ? 90 : validityDays;
        if (days < 1 || days > MAX_VALIDITY_DAYS) {
            throw new ProblemException(ProblemType.MALFORMED, "validityDays is 1 to " + MAX_VALIDITY_DAYS);
        }
        List<X509Certificate> caChain = Pem.certificates(ca.chainPem());
        X509Certificate caCertificate = caChain.get(0);
        requireWithinScope(actor, spc, list, caCertificate, ca.numbers());
        PublicKey key = DelegateCsr.publicKey(csr);

        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant notAfter = now.plus(Duration.ofDays(days));
        Instant caNotAfter = caCertificate.getNotAfter().toInstant();
        if (notAfter.isAfter(caNotAfter)) {
            notAfter = caNotAfter;
        }
        Signer signer = keyStore.token(DelegateStore.TOKEN).signer(ca.keyAlias());
        X509Certificate leaf;
        try {
            leaf = CertificateSigning.lintAndSign(DelegateLeafProfile.tbs(caCertificate, c, holder.strip(), key,
                    now.minus(Duration.ofMinutes(5)), notAfter, list), ShakenProfile.Kind.DELEGATE_END_ENTITY, signer);
        } catch (CertificateSigning.ProfileViolation e) {
            throw new ProblemException(ProblemType.BAD_CSR, "the certificate would not conform to the delegate profile: "
                    + String.join("; ", e.violations()));
        }
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(leaf);
        chain.addAll(caChain);
        DelegateCertificate saved = store.saveCertificate(actor, spc, holder.strip(), list, leaf.getSerialNumber().toString(16),
                Pem.encode(chain), settings.delegateCrUrl(), OffsetDateTime.ofInstant(notAfter, ZoneOffset.UTC));
        return DelegateViews.Certificate.of(saved);
    }

    /**
     * Revokes an end-entity delegate certificate: records it, then reports it to the STI-PA. Revoking a revoked
     * certificate changes nothing here and reports it again (for a report that failed before).
     */
    public DelegateViews.Certificate revoke(String actor, String spc, String serialHex, String reason) {
        requireEnabled();
        find(spc);
        String name = reason == null || reason.isBlank() ? "unspecified" : reason;
        if (!REASONS.contains(name)) {
            throw new ProblemException(ProblemType.BAD_REVOCATION_REASON, "reason is one of " + REASONS);
        }
        DelegateCertificate certificate = store.certificate(serialHex == null ? null : serialHex.toLowerCase(java.util.Locale.ROOT))
                .filter(c -> c.delegateSpc().equals(spc))
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "the delegate CA of SPC " + spc
                        + " issued no certificate with serial " + serialHex));
        if (certificate.revokedAt() == null) {
            certificate = store.revoked(actor, certificate.serialHex(), name);
        }
        try {
            stiPa.client(settings.stiPa()).reportRevocation(certificate.chainPem(), certificate.revocationReason());
            certificate = store.reported(actor, certificate.serialHex(), true, "listed on the STI-PA CRL");
        } catch (StiPaFailure e) {
            certificate = store.reported(actor, certificate.serialHex(), false, "not reported: " + e.forOperator());
        } catch (IllegalStateException e) {
            certificate = store.reported(actor, certificate.serialHex(), false, "not reported: " + e.getMessage());
        }
        return DelegateViews.Certificate.of(certificate);
    }

    /** RFC 9060 section 4: within the delegate CA certificate's TNAuthList and within the numbers it was given. */
    private void requireWithinScope(String actor, String spc, TNAuthList list, X509Certificate caCertificate, TNAuthList numbers) {
        try {
            if (list.entries().stream().anyMatch(TNAuthList.Spc.class::isInstance)) {
                throw new UntrustedPath(UntrustedPath.Reason.OUT_OF_SCOPE, "a delegate end-entity names numbers and ranges, not SPCs");
            }
            TnAuthScope.requireWithin(list, CertificateExtensions.tnAuthList(caCertificate).orElseThrow());
            TnAuthScope.requireWithin(list, numbers);
        } catch (UntrustedPath e) {
            String why = "the delegate CA of SPC " + spc + " may not delegate " + list + ": " + e.getMessage();
            store.refused(actor, "kms.delegate.issue", spc, why);
            throw new ProblemException(ProblemType.FORBIDDEN, why);
        }
    }

    private DelegateCa order(String spc, String alias, TNAuthList numbers) throws IssuanceFailure {
        IssuanceOptions options = settings.defaultOptions();
        Session session = AcmeOrdering.session(options,
                PemTrust.sslContext(config.getOptionalValue("shakenpki.tls.trust-pem", String.class)));
        AcmeAccountRecord account = accounts.ensure(session, options.acmeDirectory());
        Login login = AcmeOrdering.login(session, account.accountUrl(), accounts.keyPair(account));
        TNAuthList identifier = TNAuthList.ofSpc(spc);
        String fingerprint = Fingerprints.format(options.fingerprint() == IssuanceOptions.Fingerprint.SPKI_SHA256
                ? Fingerprints.spkiSha256(login.getKeyPair().getPublic())
                : Fingerprints.jwkThumbprint(login.getKeyPair().getPublic()));
        String token = caToken(identifier.toBase64Url(), fingerprint);
        Signer key = keyStore.token(DelegateStore.TOKEN).signer(alias);
        byte[] csr = TnAuthListCsr.buildCa(spc, identifier, key);
        // no profile named: the STI-CA's default for a ca:true token is its delegate CA profile, and a CA without
        // draft-ietf-acme-profiles must not be asked for one; a first delegate CA certificate replaces nothing
        AcmeOrdering.Result result = AcmeOrdering.order(login, identifier, token, csr, settings.orderTimeout(), null, null);
        X509Certificate certificate = result.chain().get(0);
        if (!Arrays.equals(certificate.getPublicKey().getEncoded(), key.publicKey().getEncoded())) {
            throw new IssuanceFailure("the STI-CA issued a certificate for another key than the HSM key " + alias);
        }
        if (certificate.getBasicConstraints() < 0) {
            throw new IssuanceFailure("the STI-CA issued an end-entity certificate, not a delegate CA certificate");
        }
        if (!identifier.equals(CertificateExtensions.tnAuthList(certificate).orElse(null))) {
            throw new IssuanceFailure("the delegate CA certificate does not carry the TNAuthList of SPC " + spc);
        }
        return new DelegateCa(spc, alias, numbers, Pem.encode(result.chain()), result.certificateUrl(),
                certificate.getSerialNumber().toString(16),
                OffsetDateTime.ofInstant(certificate.getNotAfter().toInstant(), ZoneOffset.UTC), OffsetDateTime.now(clock));
    }

    private String caToken(String tkvalue, String fingerprint) throws IssuanceFailure {
        String account = settings.stiPaAccountId().filter(a -> !a.isBlank()).orElseThrow(
                () -> new IssuanceFailure("shakenpki.kms.sti-pa.account-id is not configured"));
        try {
            StiPaClient client = stiPa.client(settings.stiPa());
            return client.spcToken(account, tkvalue, fingerprint, true).jwt();
        } catch (IllegalStateException e) {
            throw new IssuanceFailure(e.getMessage(), e);
        } catch (StiPaFailure e) {
            throw new IssuanceFailure(e.forOperator(), e);
        }
    }

    private DelegateCa find(String spc) {
        return store.ca(spc).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "no delegate CA for SPC " + spc));
    }

    private void requireEnabled() {
        if (!settings.delegateCaEnabled()) {
            throw new ProblemException(ProblemType.NOT_FOUND, "delegate certificates are not enabled on this SP-KMS"
                    + " (shakenpki.kms.delegate-ca.enabled)");
        }
    }
}
