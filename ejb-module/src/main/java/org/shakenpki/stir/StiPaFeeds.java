package org.shakenpki.stir;

import com.nimbusds.jose.util.JSONObjectUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.shakenpki.net.HttpsFetcher;
import org.shakenpki.pkix.Pem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The STI-PA's trust list and CRL as this STI-VS fetches them, verified and cached per node (ATIS-1000080
 * sections 5.3.1 and 5.3.3). The trust list comes from {@code GET /api/v1/ca-list} after a login as the
 * verifier's API user, and is kept until its {@code exp}. The CRL comes from the STI-PA CRL URL and is checked
 * with the CRL signer certificate the STI-PA publishes; it is used for at most {@code shakenpki.vs.crl-refresh}
 * before it is fetched again, and while the STI-PA cannot be reached the last good CRL serves until its
 * nextUpdate. Both must chain to the configured STI-PA trust anchors ({@code shakenpki.vs.sti-pa-trust-anchors}),
 * read again at each refresh.
 *
 * <p>Every verification asks for both; the current ones are read without taking the lock, which only a refresh
 * holds (a refresh waits on the network, and every verification used to queue behind it on the monitor).
 */
@ApplicationScoped
public class StiPaFeeds implements StiPaSource {
    private static final Logger LOG = Logger.getLogger(StiPaFeeds.class.getName());
    private static final int MAX_JSON = 1024 * 1024;
    private static final int MAX_PEM = 64 * 1024;
    private static final int MAX_CRL = 8 * 1024 * 1024;

    @Inject
    VsSettings settings;

    @Inject
    HttpsFetcher fetcher;

    @Inject
    Clock clock;

    private record FetchedCrl(IndirectCrl crl, Instant fetchedAt) {
    }

    private volatile TrustList trustList;
    private volatile FetchedCrl crl;

    @Override
    public TrustList trustList() throws IOException {
        TrustList current = trustList;
        if (current != null && current.expires().isAfter(clock.instant())) {
            return current;
        }
        return refreshTrustList();
    }

    private synchronized TrustList refreshTrustList() throws IOException {
        Instant now = clock.instant();
        if (trustList != null && trustList.expires().isAfter(now)) {
            return trustList;
        }
        String jwt = caListJwt();
        try {
            trustList = TrustList.verify(jwt, this::chain, stiPaAnchors(), now);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        LOG.info(() -> "STI-PA trust list " + trustList.sequence() + " with " + trustList.anchors().size()
                + " STI-CA(s), valid until " + trustList.expires());
        return trustList;
    }

    @Override
    public IndirectCrl crl() throws IOException {
        FetchedCrl current = crl;
        if (current != null && fresh(current, clock.instant())) {
            return current.crl;
        }
        return refreshCrl();
    }

    private boolean fresh(FetchedCrl fetched, Instant now) {
        return fetched.fetchedAt.plus(settings.crlRefresh()).isAfter(now) && fetched.crl.nextUpdate().isAfter(now);
    }

    private synchronized IndirectCrl refreshCrl() throws IOException {
        Instant now = clock.instant();
        FetchedCrl current = crl;
        if (current != null && fresh(current, now)) {
            return current.crl;
        }
        try {
            HttpsFetcher.Fetched fetched = fetcher.get(settings.crlUrl(), Map.of("Accept", "application/pkix-crl"), MAX_CRL);
            if (fetched.status() != 200) {
                throw new IOException("the STI-PA CRL URL answered HTTP " + fetched.status());
            }
            List<X509Certificate> signer = Pem.certificates(fetch(settings.crlSignerUrl(), MAX_PEM));
            crl = new FetchedCrl(IndirectCrl.verify(fetched.body(), signer, stiPaAnchors(), now), now);
            return crl.crl;
        } catch (IOException | IllegalArgumentException e) {
            if (current != null && current.crl.nextUpdate().isAfter(now)) {
                LOG.warning("STI-PA CRL refresh failed, using the previous CRL until its nextUpdate: " + e.getMessage());
                return current.crl;
            }
            throw new IOException(e.getMessage(), e);
        }
    }

    private String caListJwt() throws IOException {
        String base = settings.stiPaUrl();
        String password;
        try {
            password = Files.readString(settings.stiPaPasswordFile()).strip();
        } catch (IOException e) {
            throw new IOException("the STI-PA password file " + settings.stiPaPasswordFile() + " cannot be read");
        }
        HttpsFetcher.Fetched login = fetcher.postJson(URI.create(base + "/api/v1/auth/login"), Map.of(),
                JSONObjectUtils.toJSONString(Map.of("userId", settings.stiPaUserId(), "password", password)), MAX_JSON);
        if (login.status() != 200 || !(json(login).get("accessToken") instanceof String token) || token.isEmpty()) {
            throw new IOException("the STI-PA login as " + settings.stiPaUserId() + " answered HTTP " + login.status());
        }
        HttpsFetcher.Fetched list = fetcher.get(URI.create(base + "/api/v1/ca-list"),
                Map.of("Accept", "application/json", "Authorization", token), MAX_JSON);
        if (list.status() != 200 || !(json(list).get("caList") instanceof String jwt)) {
            throw new IOException("the STI-PA ca-list answered HTTP " + list.status() + " without a caList");
        }
        return jwt;
    }

    private List<X509Certificate> chain(URI x5u) {
        try {
            return Pem.certificates(fetch(x5u, MAX_PEM));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] fetch(URI uri, int maxBytes) throws IOException {
        HttpsFetcher.Fetched fetched = fetcher.get(uri, Map.of("Accept", "application/pem-certificate-chain"), maxBytes);
        if (fetched.status() != 200) {
            throw new IOException(uri + " answered HTTP " + fetched.status());
        }
        return fetched.body();
    }

    private Set<TrustAnchor> stiPaAnchors() throws IOException {
        try {
            return Pem.certificates(Files.readAllBytes(settings.stiPaTrustAnchors())).stream()
                    .map(c -> new TrustAnchor(c, null)).collect(Collectors.toUnmodifiableSet());
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException("no STI-PA trust anchor readable at " + settings.stiPaTrustAnchors());
        }
    }

    private static Map<String, Object> json(HttpsFetcher.Fetched response) throws IOException {
        try {
            return JSONObjectUtils.parse(new String(response.body(), StandardCharsets.UTF_8));
        } catch (ParseException e) {
            throw new IOException("the STI-PA answer is not JSON (HTTP " + response.status() + ")");
        }
    }
}
