package org.shakenpki.stir;

import org.shakenpki.trust.TestPki;

import java.io.IOException;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.shakenpki.trust.TestPki.NOW;

/**
 * The x5u URLs of a test, served from memory (as an STI-CR, or an attacker's server, would), and a verifier at
 * {@link TestPki#NOW} that trusts one STI-CA root and checks the synthetic vectors' STI-PA CRL.
 */
final class ServedChains implements CredentialSource {
    private final Map<String, List<X509Certificate>> served = new ConcurrentHashMap<>();

    /** Serves {@code chain}, in this order, at a URL named after {@code name}; returns the URL. */
    String publish(String name, TestPki.Issued... chain) {
        String x5u = "https://cr.example.test/" + name + ".pem";
        List<X509Certificate> certificates = new ArrayList<>();
        for (TestPki.Issued issued : chain) {
            certificates.add(issued.certificate());
        }
        served.put(x5u, certificates);
        return x5u;
    }

    @Override
    public List<X509Certificate> chain(URI x5u) throws IOException {
        List<X509Certificate> chain = served.get(x5u.toString());
        if (chain == null) {
            throw new IOException("not found");
        }
        return chain;
    }

    /** A verifier of PASSporTs whose chains are served here, with {@code root} the one STI-CA on the trust list. */
    PassportVerifier verifier(TestPki.Issued root) {
        return verifier(root, LinkedContent.NONE);
    }

    /** The same, fetching Rich Call Data content from {@code linked}. */
    PassportVerifier verifier(TestPki.Issued root, LinkedContent linked) {
        return new PassportVerifier(Clock.fixed(NOW, ZoneOffset.UTC),
                new VerifierPolicy(Duration.ofSeconds(60), Set.of(443), false), this, new StiPaSource() {
                    @Override
                    public TrustList trustList() {
                        return new TrustList(Set.of(root.anchor()), 1, NOW.plus(Duration.ofDays(1)));
                    }

                    @Override
                    public org.shakenpki.stipa.IndirectCrl crl() throws IOException {
                        return StirVectors.stiPa(NOW).crl();
                    }
                }, new ValidatedChains(), linked);
    }
}
