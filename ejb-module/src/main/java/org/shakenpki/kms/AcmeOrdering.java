package org.shakenpki.kms;

import org.shakenpki.pkix.TkAuth;
import org.shakenpki.pkix.TNAuthList;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Identifier;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.OrderBuilder;
import org.shredzone.acme4j.RenewalInfo;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.RevocationReason;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.connector.Resource;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeNetworkException;
import org.shredzone.acme4j.exception.AcmeNotSupportedException;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.toolbox.JSON;

import javax.net.ssl.SSLContext;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The ACME side of an issuance, through acme4j (RFC 8555 section 7): account, order with the TNAuthList
 * identifier, tkauth-01 answered with the SPC token (RFC 9448 section 4), finalize with the CSR, download
 * of the chain and the order's {@code x5u} (RFC 9448 section 7). acme4j polls with backoff and honours
 * {@code Retry-After}. Orders may name an ACME profile and the certificate they replace, and the STI-CA's renewal
 * information is read here too (RFC 9773). Every failure becomes an {@link IssuanceFailure} carrying the CA's own explanation.
 */
final class AcmeOrdering {
    private static final Logger LOG = Logger.getLogger(AcmeOrdering.class.getName());
    private static final URI ALREADY_REPLACED = URI.create("urn:ietf:params:acme:error:alreadyReplaced");

    /** The issued chain, leaf first, and the STI-CR URL the order named (or null). */
    record Result(List<X509Certificate> chain, String certificateUrl) {
    }

    private AcmeOrdering() {
    }

    static Session session(IssuanceOptions options, SSLContext tls) {
        return new Session(URI.create(options.acmeDirectory()), new KmsAcmeProvider(tls, options.responseKey()));
    }

    /**
     * Registers an account for the key, agreeing to the terms of service (RFC 8555 section 7.3), bound to the
     * STI-CA's subscriber record by External Account Binding (section 7.3.4) when the SP-KMS has EAB credentials.
     */
    static String newAccount(Session session, KeyPair accountKey, Optional<KmsSettings.AcmeEab> eab) throws IssuanceFailure {
        try {
            AccountBuilder builder = new AccountBuilder().agreeToTermsOfService().useKeyPair(accountKey);
            eab.ifPresent(e -> builder.withKeyIdentifier(e.kid(), e.hmacKey()).withMacAlgorithm("HS256"));
            return builder.create(session).getLocation().toString();
        } catch (AcmeException e) {
            throw failure("the STI-CA refused the ACME account", e);
        }
    }

    static Login login(Session session, String accountUrl, KeyPair accountKey) {
        try {
            return session.login(URI.create(accountUrl).toURL(), accountKey);
        } catch (MalformedURLException e) {
            throw new IllegalStateException("stored account URL is not a URL: " + accountUrl, e);
        }
    }

    /**
     * An order through to the certificate.
     *
     * @param profile  the ACME profile to ask for (draft-ietf-acme-profiles section 4), or null
     * @param replaces the certificate the order replaces, named in {@code replaces} when the STI-CA offers renewalInfo
     *                 (RFC 9773 section 5), or null
     */
    static Result order(Login login, TNAuthList identifier, String spcToken, byte[] csr, Duration timeout, String profile,
                        X509Certificate replaces) throws IssuanceFailure {
        try {
            Order order = newOrder(login, identifier, profile, replaces);
            for (Authorization authorization : order.getAuthorizations()) {
                if (authorization.getStatus() != Status.VALID) {
                    answer(authorization, spcToken, timeout);
                }
            }
            Status ready = order.waitUntilReady(timeout);
            if (ready != Status.READY) {
                throw new IssuanceFailure("the order is " + ready + " instead of ready" + explain(order.getError()));
            }
            order.execute(csr);
            Status done = order.waitForCompletion(timeout);
            if (done != Status.VALID) {
                throw new IssuanceFailure("finalize left the order " + done + explain(order.getError()));
            }
            List<X509Certificate> chain = order.getCertificate().getCertificateChain();
            String x5u = order.getJSON().get("x5u").optional().map(JSON.Value::asString).orElse(null);
            return new Result(chain, x5u);
        } catch (AcmeException e) {
            throw failure("the ACME order failed", e);
        } catch (AcmeNotSupportedException e) {
            // acme4j checks the directory before sending: a profile the STI-CA does not advertise, say
            throw new IssuanceFailure("the ACME order was not sent: " + e.getMessage()
                    + (profile == null ? "" : " (the credential's profile is " + profile + ")"), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IssuanceFailure("interrupted while waiting for the STI-CA", e);
        }
    }

    /**
     * newOrder with the profile and {@code replaces}. RFC 9773 section 5: {@code replaces} only where the directory
     * names renewalInfo; and should the STI-CA answer alreadyReplaced (an earlier attempt's order still pending), the
     * order is placed again without it, since the renewal must not wait for that order to expire.
     */
    private static Order newOrder(Login login, TNAuthList identifier, String profile, X509Certificate replaces)
            throws AcmeException {
        boolean ari = replaces != null && login.getSession().resourceUrlOptional(Resource.RENEWAL_INFO).isPresent();
        try {
            return orderBuilder(login, identifier, profile, ari ? replaces : null).create();
        } catch (AcmeServerException e) {
            if (!ari || !ALREADY_REPLACED.equals(e.getType())) {
                throw e;
            }
            LOG.info(() -> "the STI-CA has the certificate " + replaces.getSerialNumber().toString(16)
                    + " replaced by another order already; ordering without replaces");
            return orderBuilder(login, identifier, profile, null).create();
        }
    }

    private static OrderBuilder orderBuilder(Login login, TNAuthList identifier, String profile, X509Certificate replaces) {
        OrderBuilder builder = login.newOrder().identifier(new Identifier(TkAuth.TNAUTHLIST, identifier.toBase64Url()));
        if (profile != null) {
            builder.profile(profile);
        }
        if (replaces != null) {
            builder.replaces(replaces);
        }
        return builder;
    }

    /**
     * What the STI-CA's renewalInfo says of a certificate (RFC 9773 section 4), or empty when its directory names no
     * renewalInfo.
     *
     * @param retryAfter how long the STI-CA asks the client to wait before the next check, or null if it did not say
     */
    record RenewalAdvice(AriPlan.Window window, Duration retryAfter) {
    }

    static Optional<RenewalAdvice> renewalInfo(Login login, X509Certificate certificate) throws AcmeException {
        if (login.getSession().resourceUrlOptional(Resource.RENEWAL_INFO).isEmpty()) {
            return Optional.empty();
        }
        RenewalInfo info = login.bindRenewalInfo(certificate);
        Optional<Instant> retryAfter = info.fetch();
        AriPlan.Window window = AriPlan.Window.of(info.getSuggestedWindowStart(), info.getSuggestedWindowEnd(),
                info.getExplanation().map(URL::toString).orElse(null));
        return Optional.of(new RenewalAdvice(window, retryAfter.map(at -> Duration.between(Instant.now(), at)).orElse(null)));
    }

    /** Revokes a certificate with the account key (RFC 8555 section 7.6). */
    static void revoke(Login login, X509Certificate certificate, RevocationReason reason) throws IssuanceFailure {
        try {
            org.shredzone.acme4j.Certificate.revoke(login, certificate, reason);
        } catch (AcmeException e) {
            throw failure("the STI-CA refused the revocation", e);
        }
    }

    private static void answer(Authorization authorization, String spcToken, Duration timeout)
            throws AcmeException, InterruptedException, IssuanceFailure {
        TkAuthChallenge challenge = authorization.findChallenge(TkAuthChallenge.class).orElseThrow(
                () -> new IssuanceFailure("the STI-CA offered no tkauth-01 challenge for " + authorization.getIdentifier()));
        challenge.setAuthorityToken(spcToken);
        challenge.trigger();
        Status status = challenge.waitForCompletion(timeout);
        if (status != Status.VALID) {
            throw new IssuanceFailure("the STI-CA did not accept the SPC token in tkauth-01 (challenge " + status + ")"
                    + explain(challenge.getError()));
        }
    }

    private static String explain(java.util.Optional<Problem> problem) {
        return problem.map(p -> ": " + p.getDetail().orElse(p.getType().toString()) + " [" + p.getType() + "]").orElse("");
    }

    private static IssuanceFailure failure(String what, AcmeException e) {
        if (e instanceof AcmeServerException server) {
            return new IssuanceFailure(what + ": " + server.getProblem().getDetail().orElse("") + " [" + server.getType() + "]", e);
        }
        if (e instanceof AcmeNetworkException) {
            return new IssuanceFailure(what + ": the STI-CA is unreachable: " + e.getMessage(), e);
        }
        return new IssuanceFailure(what + ": " + e.getMessage(), e);
    }

    static URL url(String url) {
        try {
            return URI.create(url).toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(url, e);
        }
    }
}
