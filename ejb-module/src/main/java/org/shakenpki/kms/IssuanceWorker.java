package org.shakenpki.kms;

import jakarta.ejb.Asynchronous;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.shakenpki.net.PemTrust;
import org.shakenpki.pkix.Fingerprints;
import org.shakenpki.pkix.Pem;
import org.shakenpki.pkix.TNAuthList;
import org.shakenpki.sks.SecureKeyStore;
import org.shakenpki.sks.Signer;
import org.shakenpki.stipa.StiPaClient;
import org.shakenpki.stipa.StiPaClients;
import org.shakenpki.stipa.StiPaFailure;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Session;

import javax.net.ssl.SSLContext;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One issuance attempt of the SP-KMS (seed steps 1-9 and 16; ATIS-1000080 section 6.3.5): new P-256 key
 * on the HSM, ACME account (reused), SPC token from the STI-PA for the account key's fingerprint, ACME order
 * with the TNAuthList identifier (with the credential's ACME profile, and {@code replaces} naming the certificate a
 * renewal replaces, RFC 9773 section 5), tkauth-01, finalize with a CSR signed by the HSM key, download, check that
 * the certificate carries the HSM key, store, notify.
 *
 * <p>No transaction is held across the network: {@link CredentialStore} commits the pending key before the
 * first call and the result after the last. On any failure the pending key is destroyed and the error (the
 * peer's own explanation) is kept with the credential; the credential is never left half-made.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class IssuanceWorker {
    private static final Logger LOG = Logger.getLogger(IssuanceWorker.class.getName());

    @EJB
    CredentialStore store;

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

    /** Runs an attempt in the background, for an API call that should not wait for the CA. */
    @Asynchronous
    public void attemptLater(long credentialId) {
        attempt(credentialId, OffsetDateTime.now(clock));
    }

    /**
     * Runs an attempt if one is due at {@code now}.
     *
     * @return the credential after the attempt, or empty if none was due
     */
    public Optional<ManagedCredential> attempt(long credentialId, OffsetDateTime now) {
        Optional<ManagedCredential> claimed;
        try {
            claimed = store.claim(credentialId, now);
        } catch (RuntimeException e) {
            // another node claimed it first (optimistic lock) or the token is down: the next round retries
            LOG.log(Level.FINE, "could not claim credential " + credentialId, e);
            return Optional.empty();
        }
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        ManagedCredential credential = claimed.get();
        try {
            return Optional.of(store.succeeded(credential.id(), issue(credential), now));
        } catch (IssuanceFailure e) {
            LOG.info(() -> "issuance for SPC " + credential.spc() + " failed: " + e.getMessage());
            return Optional.of(store.failed(credential.id(), e.getMessage(), now));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "issuance for SPC " + credential.spc() + " failed unexpectedly", e);
            return Optional.of(store.failed(credential.id(), "internal error: " + e, now));
        }
    }

    private ManagedCredential.Issued issue(ManagedCredential credential) throws IssuanceFailure {
        IssuanceOptions options = credential.options();
        SSLContext tls = PemTrust.sslContext(config.getOptionalValue("shakenpki.tls.trust-pem", String.class));
        Session session = AcmeOrdering.session(options, tls);
        AcmeAccountRecord account = accounts.ensure(session, options.acmeDirectory());
        Login login = AcmeOrdering.login(session, account.accountUrl(), accounts.keyPair(account));

        TNAuthList identifier = TNAuthList.ofSpc(credential.spc());
        String fingerprint = Fingerprints.format(options.fingerprint() == IssuanceOptions.Fingerprint.SPKI_SHA256
                ? Fingerprints.spkiSha256(login.getKeyPair().getPublic())
                : Fingerprints.jwkThumbprint(login.getKeyPair().getPublic()));
        StiPaClient.SpcToken token = spcToken(identifier.toBase64Url(), fingerprint);

        Signer key = keyStore.token(CredentialStore.TOKEN).signer(credential.pendingKeyAlias());
        byte[] csr = TnAuthListCsr.build(credential.spc(), identifier, key, credential.claimConstraints());
        // a renewal names its predecessor (RFC 9773 section 5); a first issuance has none
        X509Certificate predecessor = credential.chainPem() == null ? null : Pem.certificates(credential.chainPem()).get(0);
        AcmeOrdering.Result result = AcmeOrdering.order(login, identifier, token.jwt(), csr, settings.orderTimeout(),
                options.profile(), predecessor);

        X509Certificate leaf = result.chain().get(0);
        if (!Arrays.equals(leaf.getPublicKey().getEncoded(), key.publicKey().getEncoded())) {
            throw new IssuanceFailure("the STI-CA issued a certificate for another key than the HSM key "
                    + credential.pendingKeyAlias());
        }
        if (credential.claimConstraints() != null && !credential.claimConstraints().equals(constraintsOf(leaf))) {
            throw new IssuanceFailure("the STI-CA issued a certificate without the JWT Claim Constraints the CSR requested");
        }
        if (result.certificateUrl() == null) {
            throw new IssuanceFailure("the STI-CA's order names no x5u (RFC 9448 section 7): nowhere to point PASSporTs");
        }
        return new ManagedCredential.Issued(credential.pendingKeyAlias(), Pem.encode(result.chain()),
                result.certificateUrl(), leaf.getSerialNumber().toString(16),
                OffsetDateTime.ofInstant(leaf.getNotBefore().toInstant(), ZoneOffset.UTC),
                OffsetDateTime.ofInstant(leaf.getNotAfter().toInstant(), ZoneOffset.UTC));
    }

    /** The SPC token of the configured STI-PA account (RFC 9448 section 5.5), with the STI-PA's reason if refused. */
    private StiPaClient.SpcToken spcToken(String tkvalue, String fingerprint) throws IssuanceFailure {
        String account = settings.stiPaAccountId().filter(a -> !a.isBlank()).orElseThrow(
                () -> new IssuanceFailure("shakenpki.kms.sti-pa.account-id is not configured"));
        try {
            return stiPa.client(settings.stiPa()).spcToken(account, tkvalue, fingerprint);
        } catch (IllegalStateException e) {
            throw new IssuanceFailure(e.getMessage(), e);
        } catch (StiPaFailure e) {
            throw new IssuanceFailure(e.forOperator(), e);
        }
    }

    /** The JWT Claim Constraints an issued leaf carries, or null (or unreadable: null, which fails the comparison). */
    private static org.shakenpki.pkix.JwtClaimConstraints constraintsOf(X509Certificate leaf) {
        try {
            return org.shakenpki.pkix.JwtClaimConstraints.of(leaf).orElse(null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
