package org.shakenpki.stipa;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.shakenpki.pkix.TkAuth;
import org.shakenpki.net.FetchFailure;
import org.shakenpki.net.Fetcher;
import org.shakenpki.pkix.PemCertificates;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * A client of the STI-PA API for one role and API user (ATIS-1000080 section 6.3.2 ff. as the deployed US STI-PA
 * shapes it, see README "STI-PA"):
 *
 * <ul>
 * <li>{@code POST /api/v1/auth/login} {@code {"userId","password"}} gives an {@code accessToken}, a
 *     {@code refreshToken} and {@code expiresIn}; the access token is sent raw in {@code Authorization}.
 *     The session is kept: it is renewed with {@code POST /api/v1/auth/refresh} when it expires, and a new login
 *     is made only when that fails or a call answers 401. Each failed login counts against the user's lock-out
 *     at the STI-PA, so a client that logged in for every call would lock its own service user out faster;</li>
 * <li>{@link #spcToken}: {@code POST /api/v1/account/{id}/token} (RFC 9447 section 5.1, RFC 9448 section 5.5);</li>
 * <li>{@link #caList}: {@code GET /api/v1/ca-list}, the signed STI-CA trust list (ATIS-1000080 section 5.3.1);</li>
 * <li>{@link #crl} and {@link #certificates}: the public downloads (indirect CRL, CRL signer and other
 *     STI-PA certificates, ATIS-1000080 section 5.3.3), no login;</li>
 * <li>{@link #reportRevocation}: {@code POST /api/v1/revocations} {@code {"certificate","reason"}}.</li>
 * </ul>
 *
 * Nothing the STI-PA answers is trusted here beyond its shape: the callers verify the trust list, the CRL and
 * the token signatures.
 */
public final class StiPaClient {
    private static final Logger LOG = Logger.getLogger(StiPaClient.class.getName());
    private static final int MAX_JSON = 64 * 1024;
    private static final int MAX_CA_LIST = 1024 * 1024;
    private static final int MAX_CRL = 8 * 1024 * 1024;
    private static final int MAX_PEM = 64 * 1024;
    private static final int LONGEST_DETAIL = 300;
    /** When the login answer gives no expiresIn: reuse the token this long, a 401 ends it sooner. */
    private static final Duration UNSTATED_LIFETIME = Duration.ofMinutes(5);
    private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(30);

    private final Fetcher fetcher;
    private final StiPaSettings settings;
    private final Clock clock;
    private final Object loginLock = new Object();
    private volatile Session session;

    private record Session(String accessToken, String refreshToken, Instant usableUntil) {
    }

    /** An SPC token and the CRL URL the STI-PA named with it. */
    public record SpcToken(String jwt, Optional<String> crlUrl) {
    }

    public StiPaClient(Fetcher fetcher, StiPaSettings settings, Clock clock) {
        this.fetcher = fetcher;
        this.settings = settings;
        this.clock = clock;
    }

    public StiPaSettings settings() {
        return settings;
    }

    /**
     * An SPC token for a TNAuthList (base64url DER) and the fingerprint of the ACME account key it binds to.
     *
     * @throws StiPaFailure {@link StiPaFailure.Kind#REFUSED} with the STI-PA's explanation, or another kind
     */
    public SpcToken spcToken(String accountId, String tkvalue, String fingerprint) throws StiPaFailure {
        return spcToken(accountId, tkvalue, fingerprint, false);
    }

    /**
     * As {@link #spcToken(String, String, String)}, with {@code atc.ca} (RFC 9448 section 5.4): {@code true} asks
     * for a token that authorizes a delegate CA certificate (RFC 9060), which the STI-PA grants only to accounts
     * allowed them.
     */
    public SpcToken spcToken(String accountId, String tkvalue, String fingerprint, boolean ca) throws StiPaFailure {
        Map<String, Object> atc = new LinkedHashMap<>();
        atc.put("tktype", TkAuth.TNAUTHLIST);
        atc.put("tkvalue", tkvalue);
        atc.put("ca", ca);
        atc.put("fingerprint", fingerprint);
        String body = JSONObjectUtils.toJSONString(Map.of("atc", atc));
        URI uri = uri("/api/v1/account/" + URLEncoder.encode(accountId, StandardCharsets.UTF_8) + "/token");
        Map<String, Object> answer = json(authorizedPost(uri, body, "the STI-PA refused the SPC token"));
        if (!(answer.get("token") instanceof String jwt) || jwt.split("\\.", -1).length != 3) {
            throw new StiPaFailure(StiPaFailure.Kind.BAD_ANSWER, "the STI-PA answered without a token", null, null);
        }
        return new SpcToken(jwt, answer.get("crl") instanceof String crl ? Optional.of(crl) : Optional.empty());
    }

    /** The signed STI-CA trust list JWT (unverified: the caller verifies it). */
    public String caList() throws StiPaFailure {
        URI uri = uri("/api/v1/ca-list");
        Fetcher.Fetched answer;
        String token = accessToken();
        try {
            answer = fetcher.getFromPeer(uri, Map.of("Accept", "application/json", "Authorization", token), MAX_CA_LIST);
        } catch (FetchFailure e) {
            if (e.httpStatus().orElse(0) != 401) {
                throw unreachable("the STI-PA ca-list", e);
            }
            forget(token);
            try {
                answer = fetcher.getFromPeer(uri, Map.of("Accept", "application/json", "Authorization", accessToken()), MAX_CA_LIST);
            } catch (FetchFailure again) {
                throw unreachable("the STI-PA ca-list", again);
            }
        }
        if (!(json(answer).get("caList") instanceof String jwt)) {
            throw new StiPaFailure(StiPaFailure.Kind.BAD_ANSWER, "the STI-PA ca-list answer holds no caList", null, null);
        }
        return jwt;
    }

    /** The DER of the CRL at a URL (unverified: the caller verifies it). */
    public byte[] crl(URI crlUrl) throws StiPaFailure {
        try {
            return fetcher.getFromPeer(crlUrl, Map.of("Accept", "application/pkix-crl"), MAX_CRL).body();
        } catch (FetchFailure e) {
            throw unreachable("the STI-PA CRL", e);
        }
    }

    /** The certificates at a URL, PEM only ({@link PemCertificates#strict}), unverified. */
    public List<X509Certificate> certificates(URI url) throws StiPaFailure {
        byte[] body;
        try {
            body = fetcher.getFromPeer(url, Map.of("Accept", "application/pem-certificate-chain"), MAX_PEM).body();
        } catch (FetchFailure e) {
            throw unreachable("the STI-PA certificate", e);
        }
        try {
            return PemCertificates.strict(body);
        } catch (IllegalArgumentException e) {
            throw new StiPaFailure(StiPaFailure.Kind.BAD_ANSWER, "the STI-PA certificate URL does not serve PEM certificates: "
                    + e.getMessage(), null, null);
        }
    }

    /**
     * Reports a revocation; only a 200 with {@code "status":"success"} counts as accepted.
     *
     * @param certificatePem the certificate (and its chain) in PEM
     * @param reason         the RFC 5280 reason name, e.g. {@code keyCompromise}
     */
    public void reportRevocation(String certificatePem, String reason) throws StiPaFailure {
        String body = JSONObjectUtils.toJSONString(Map.of("certificate", certificatePem, "reason", reason));
        Map<String, Object> answer = json(authorizedPost(uri("/api/v1/revocations"), body, "the STI-PA refused the revocation"));
        if (!"success".equals(answer.get("status"))) {
            throw new StiPaFailure(StiPaFailure.Kind.REFUSED, "the STI-PA did not accept the revocation", detail(answer), null);
        }
    }

    private Fetcher.Fetched authorizedPost(URI uri, String body, String refusal) throws StiPaFailure {
        String token = accessToken();
        Fetcher.Fetched answer = post(uri, token, body);
        if (answer.status() == 401) {
            forget(token);
            answer = post(uri, accessToken(), body);
        }
        if (answer.status() != 200) {
            int status = answer.status();
            LOG.fine(() -> uri + " answered HTTP " + status);
            throw new StiPaFailure(StiPaFailure.Kind.REFUSED, refusal, detail(answer), null);
        }
        return answer;
    }

    private Fetcher.Fetched post(URI uri, String token, String body) throws StiPaFailure {
        try {
            return fetcher.postJson(uri, Map.of("Authorization", token), body, MAX_JSON);
        } catch (FetchFailure e) {
            throw unreachable("the STI-PA", e);
        }
    }

    /** A usable access token: the session's, a refreshed one, or one from a new login. */
    private String accessToken() throws StiPaFailure {
        Session current = session;
        if (current != null && clock.instant().isBefore(current.usableUntil)) {
            return current.accessToken;
        }
        synchronized (loginLock) {
            current = session;
            if (current != null && clock.instant().isBefore(current.usableUntil)) {
                return current.accessToken;
            }
            Session renewed = current == null ? null : refresh(current);
            session = renewed != null ? renewed : login();
            return session.accessToken;
        }
    }

    private void forget(String rejectedToken) {
        synchronized (loginLock) {
            Session current = session;
            if (current != null && current.accessToken.equals(rejectedToken)) {
                // the refresh token may still be good; only the access token is known to be dead
                session = new Session(current.accessToken, current.refreshToken, Instant.MIN);
            }
        }
    }

    private Session login() throws StiPaFailure {
        String body = JSONObjectUtils.toJSONString(Map.of("userId", settings.userId(), "password", settings.password()));
        Fetcher.Fetched answer;
        try {
            answer = fetcher.postJson(uri("/api/v1/auth/login"), Map.of(), body, MAX_JSON);
        } catch (FetchFailure e) {
            throw unreachable("the STI-PA login", e);
        }
        if (answer.status() != 200) {
            LOG.info(() -> "the STI-PA at " + settings.baseUrl() + " refused the login of " + settings.userId()
                    + " (HTTP " + answer.status() + ")");
            throw new StiPaFailure(StiPaFailure.Kind.LOGIN_REFUSED, "the STI-PA refused this server's login", detail(answer), null);
        }
        Session started = session(json(answer));
        if (started == null) {
            throw new StiPaFailure(StiPaFailure.Kind.BAD_ANSWER, "the STI-PA login answered without an access token", null, null);
        }
        return started;
    }

    /** A renewed session, or null when the refresh did not work (a login follows). */
    private Session refresh(Session expired) {
        if (expired.refreshToken == null) {
            return null;
        }
        try {
            Fetcher.Fetched answer = fetcher.postJson(uri("/api/v1/auth/refresh"), Map.of(),
                    JSONObjectUtils.toJSONString(Map.of("refreshToken", expired.refreshToken)), MAX_JSON);
            return answer.status() == 200 ? session(json(answer)) : null;
        } catch (FetchFailure | StiPaFailure e) {
            return null;
        }
    }

    private Session session(Map<String, Object> answer) {
        if (!(answer.get("accessToken") instanceof String access) || access.isEmpty()) {
            return null;
        }
        Duration lifetime = answer.get("expiresIn") instanceof Number seconds && seconds.longValue() > 0
                ? Duration.ofSeconds(Math.min(seconds.longValue(), Duration.ofDays(1).toSeconds()))
                : UNSTATED_LIFETIME;
        Duration margin = lifetime.compareTo(EXPIRY_MARGIN.multipliedBy(2)) < 0 ? lifetime.dividedBy(2) : EXPIRY_MARGIN;
        String refresh = answer.get("refreshToken") instanceof String r && !r.isEmpty() ? r : null;
        return new Session(access, refresh, clock.instant().plus(lifetime).minus(margin));
    }

    private URI uri(String path) throws StiPaFailure {
        try {
            return URI.create(settings.baseUrl() + path);
        } catch (IllegalArgumentException e) {
            throw new StiPaFailure(StiPaFailure.Kind.NOT_CONFIGURED, "the STI-PA URL " + settings.baseUrl() + " is not a URL", null, e);
        }
    }

    private static StiPaFailure unreachable(String what, FetchFailure e) {
        return new StiPaFailure(StiPaFailure.Kind.UNREACHABLE, what + " is unreachable (" + e.reason() + "): " + e.getMessage(), null, e);
    }

    private static Map<String, Object> json(Fetcher.Fetched answer) throws StiPaFailure {
        try {
            return JSONObjectUtils.parse(new String(answer.body(), StandardCharsets.UTF_8));
        } catch (ParseException | RuntimeException e) {
            throw new StiPaFailure(StiPaFailure.Kind.BAD_ANSWER, "the STI-PA answer is not JSON", null, null);
        }
    }

    private static String detail(Fetcher.Fetched answer) {
        try {
            return detail(JSONObjectUtils.parse(new String(answer.body(), StandardCharsets.UTF_8)));
        } catch (ParseException | RuntimeException e) {
            return null;
        }
    }

    /** The explanation of a problem document (RFC 7807 detail) or of the STI-PA's own error shape (message). */
    private static String detail(Map<String, Object> json) {
        for (String member : new String[] {"detail", "message", "title"}) {
            if (json.get(member) instanceof String text && !text.isBlank()) {
                String clean = text.replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}]", " ").strip();
                return clean.length() <= LONGEST_DETAIL ? clean : clean.substring(0, LONGEST_DETAIL) + "…";
            }
        }
        return null;
    }
}
