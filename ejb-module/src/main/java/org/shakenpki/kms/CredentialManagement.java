package org.shakenpki.kms;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.shakenpki.net.PemTrust;
import org.shakenpki.pkix.Pem;
import org.shakenpki.pkix.SpcSyntax;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;
import org.shredzone.acme4j.RevocationReason;
import org.shredzone.acme4j.Session;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

/**
 * What an SP-KMS operator does with credentials (the admin API and {@code ./shaken-pki kms}): create one for
 * an SPC, look at them, renew now or at a time, revoke through the STI-CA (RFC 8555 section 7.6).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CredentialManagement {
    private static final java.util.regex.Pattern PROFILE = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    @EJB
    CredentialStore store;

    @EJB
    IssuanceWorker worker;

    @EJB
    AcmeAccounts accounts;

    @EJB
    NotificationSender notifications;

    @Inject
    KmsSettings settings;

    @Inject
    Config config;

    @Inject
    Clock clock;

    /**
     * Creates the credential of an SPC and starts its first issuance in the background.
     *
     * @param acmeDirectory   the STI-CA, or null for the configured one
     * @param fingerprint     {@code jwk-thumbprint} or {@code spki}, or null for the configured form
     * @param responseKey     {@code tkauth}, {@code atc} or {@code ATC}, or null for the configured key
     */
    public Views.Detail create(String actor, String spc, String acmeDirectory, String fingerprint, String responseKey) {
        return create(actor, spc, acmeDirectory, fingerprint, responseKey, null, null);
    }

    /**
     * As {@link #create(String, String, String, String, String)}, ordering under an ACME profile
     * (draft-ietf-acme-profiles section 4) that the STI-CA's directory advertises, and with the JWT Claim Constraints
     * (RFC 8226 section 8, RFC 9118 section 3) every CSR of the credential requests, for a certificate limited to,
     * say, one vetted Rich Call Data (RFC 9795). The issued certificate must carry them, else the issuance fails.
     *
     * @param profile          the profile name, or null for the STI-CA's default
     * @param claimConstraints the constraints, or null for none
     */
    public Views.Detail create(String actor, String spc, String acmeDirectory, String fingerprint, String responseKey,
                               String profile, org.shakenpki.pkix.JwtClaimConstraints claimConstraints) {
        if (profile != null && !PROFILE.matcher(profile).matches()) {
            throw new ProblemException(ProblemType.MALFORMED,
                    "profile must be 1 to 64 letters, digits, '.', '_' and '-', as the STI-CA's meta.profiles names it");
        }
        if (spc == null || !SpcSyntax.isValid(spc)) {
            throw new ProblemException(ProblemType.MALFORMED, SpcSyntax.RULE);
        }
        if (store.bySpc(spc).isPresent()) {
            throw new ProblemException(ProblemType.CONFLICT, "SPC " + spc + " already has a managed credential");
        }
        IssuanceOptions defaults = settings.defaultOptions();
        IssuanceOptions options;
        try {
            options = new IssuanceOptions(
                    acmeDirectory != null ? requireHttpUrl(acmeDirectory) : defaults.acmeDirectory(),
                    fingerprint != null ? KmsSettings.fingerprint(fingerprint) : defaults.fingerprint(),
                    responseKey != null ? KmsSettings.responseKey(responseKey) : defaults.responseKey(), profile);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.MALFORMED, e.getMessage());
        }
        ManagedCredential credential = store.create(actor, spc, options, claimConstraints);
        worker.attemptLater(credential.id());
        return view(credential);
    }

    public List<Views.Credential> list() {
        return store.all().stream().map(Views.Credential::of).toList();
    }

    public Views.Detail show(String spc) {
        return view(find(spc));
    }

    /** Renews now, with a fresh key, whatever the renewal date. */
    public Views.Detail renew(String actor, String spc) {
        ManagedCredential credential = renewable(spc);
        store.scheduleRenewal(actor, credential.id(), OffsetDateTime.now(clock));
        worker.attemptLater(credential.id());
        return show(spc);
    }

    /**
     * Moves the renewal to {@code at} (a maintenance window, or sooner after a key compromise elsewhere): the
     * SP-KMS timer renews at its first round after it, on whichever node the timer runs.
     */
    public Views.Detail renewAt(String actor, String spc, OffsetDateTime at) {
        if (at.getYear() < 1970 || at.getYear() > 9999) {
            // a database timestamp holds four-digit years; a larger one would be stored as another date
            throw new ProblemException(ProblemType.MALFORMED, "at must lie between the years 1970 and 9999");
        }
        store.scheduleRenewal(actor, renewable(spc).id(), at);
        return show(spc);
    }

    private ManagedCredential renewable(String spc) {
        ManagedCredential credential = find(spc);
        if (credential.state() == CredentialState.REVOKED) {
            throw new ProblemException(ProblemType.CONFLICT, "the credential of SPC " + spc + " is revoked");
        }
        return credential;
    }

    /** Revokes the current certificate at the STI-CA with the ACME account key, then retires the key. */
    public Views.Detail revoke(String actor, String spc, String reason) {
        ManagedCredential credential = find(spc);
        if (credential.chainPem() == null || credential.state() == CredentialState.REVOKED) {
            throw new ProblemException(ProblemType.CONFLICT, "SPC " + spc + " has no certificate to revoke");
        }
        RevocationReason revocationReason = reason(reason);
        IssuanceOptions options = credential.options();
        Session session = AcmeOrdering.session(options,
                PemTrust.sslContext(config.getOptionalValue("shakenpki.tls.trust-pem", String.class)));
        try {
            AcmeAccountRecord account = accounts.ensure(session, options.acmeDirectory());
            AcmeOrdering.revoke(AcmeOrdering.login(session, account.accountUrl(), accounts.keyPair(account)),
                    Pem.certificates(credential.chainPem()).get(0), revocationReason);
        } catch (IssuanceFailure e) {
            throw new ProblemException(ProblemType.SERVICE_UNAVAILABLE, e.getMessage());
        }
        store.revoked(actor, credential.id(), revocationReason.name());
        return show(spc);
    }

    private Views.Detail view(ManagedCredential credential) {
        return new Views.Detail(Views.Credential.of(credential), credential.chainPem(),
                store.history(credential.id()).stream().map(Views.Replaced::of).toList(),
                notifications.forCredential(credential.id()).stream().map(Views.Delivery::of).toList());
    }

    private ManagedCredential find(String spc) {
        return store.bySpc(spc).orElseThrow(
                () -> new ProblemException(ProblemType.NOT_FOUND, "no managed credential for SPC " + spc));
    }

    private static RevocationReason reason(String name) {
        if (name == null || name.isBlank()) {
            return RevocationReason.UNSPECIFIED;
        }
        String wanted = name.replaceAll("[^A-Za-z]", "").toUpperCase(Locale.ROOT);
        for (RevocationReason reason : RevocationReason.values()) {
            if (reason.name().replace("_", "").equals(wanted)) {
                return reason;
            }
        }
        throw new ProblemException(ProblemType.BAD_REVOCATION_REASON, "unknown revocation reason " + name);
    }

    private static String requireHttpUrl(String url) {
        if (!url.startsWith("https://") && !url.startsWith("http://")) {
            throw new IllegalArgumentException("acmeDirectory must be an http(s) URL");
        }
        return url;
    }
}
