package org.shakenpki.kms;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.shakenpki.net.PemTrust;
import org.shakenpki.pkix.Pem;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeNetworkException;
import org.shredzone.acme4j.exception.AcmeServerException;

import javax.net.ssl.SSLContext;
import java.security.cert.X509Certificate;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The SP-KMS's watch on ACME Renewal Information (RFC 9773; issue "the SP-KMS watches the CRL", item 8's ARI half):
 * on its round, for each active certificate whose check is due (right after issuance, then as the STI-CA's
 * {@code Retry-After} says, section 4.3), it fetches the renewalInfo with acme4j and lets the credential renew at a
 * random time in the suggested window ({@link AriPlan}). A window that has already ended (the STI-CA's operator pulled
 * it forward: a mass revocation, a key compromise) makes the replacement due at once, and the same round's issuance
 * attempts obtain it, with {@code replaces} naming the old certificate. Without ARI at the STI-CA, or while it cannot
 * be had, the SP-KMS keeps its own rule ({@link CredentialStore#renewAt}).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AriWatcher {
    private static final Logger LOG = Logger.getLogger(AriWatcher.class.getName());

    @EJB
    CredentialStore store;

    @EJB
    AcmeAccounts accounts;

    @Inject
    Config config;

    /** Checks every certificate whose renewal information is due at {@code now}; returns how many are now due at once. */
    public int checkDue(OffsetDateTime now) {
        int atOnce = 0;
        for (ManagedCredential credential : store.ariDue(now)) {
            try {
                if (check(credential, now)) {
                    atOnce++;
                    LOG.warning(() -> "SPC " + credential.spc() + ": the STI-CA's renewal window for certificate "
                            + credential.serialHex() + " has passed; replacing it now");
                }
            } catch (RuntimeException e) {
                // one credential's trouble must not stop the others' checks or the round
                LOG.log(Level.WARNING, "renewal information for SPC " + credential.spc() + " not checked", e);
            }
        }
        return atOnce;
    }

    private boolean check(ManagedCredential credential, OffsetDateTime now) {
        AriPlan.Window window = null;
        OffsetDateTime nextCheck;
        try {
            Optional<AcmeOrdering.RenewalAdvice> advice = fetch(credential);
            if (advice.isPresent()) {
                window = advice.get().window();
                nextCheck = AriPlan.nextCheck(now, advice.get().retryAfter());
            } else {
                nextCheck = now.plus(AriPlan.WITHOUT_ARI);
            }
        } catch (AcmeNetworkException e) {
            nextCheck = now.plus(AriPlan.AFTER_TEMPORARY_ERROR);
            LOG.info(() -> "SPC " + credential.spc() + ": renewalInfo unreachable: " + e.getMessage());
        } catch (AcmeServerException e) {
            boolean temporary = e.getProblem().asJSON().get("status").optional()
                    .map(status -> status.asInt() >= 500).orElse(false);
            nextCheck = now.plus(temporary ? AriPlan.AFTER_TEMPORARY_ERROR : AriPlan.AFTER_LONG_TERM_ERROR);
            LOG.info(() -> "SPC " + credential.spc() + ": renewalInfo refused: " + e.getMessage());
        } catch (AcmeException | IssuanceFailure | RuntimeException e) {
            // an invalid object, no account: a long-term error (section 4.3.3)
            nextCheck = now.plus(AriPlan.AFTER_LONG_TERM_ERROR);
            LOG.info(() -> "SPC " + credential.spc() + ": renewalInfo not usable: " + e.getMessage());
        }
        return store.ariChecked(credential.id(), credential.serialHex(), window, nextCheck, now);
    }

    private Optional<AcmeOrdering.RenewalAdvice> fetch(ManagedCredential credential) throws AcmeException, IssuanceFailure {
        IssuanceOptions options = credential.options();
        SSLContext tls = PemTrust.sslContext(config.getOptionalValue("shakenpki.tls.trust-pem", String.class));
        Session session = AcmeOrdering.session(options, tls);
        AcmeAccountRecord account = accounts.ensure(session, options.acmeDirectory());
        Login login = AcmeOrdering.login(session, account.accountUrl(), accounts.keyPair(account));
        X509Certificate leaf = Pem.certificates(credential.chainPem()).get(0);
        return AcmeOrdering.renewalInfo(login, leaf);
    }
}
