package org.shakenpki.it;

import org.shakenpki.kms.TkAuthChallenge;
import org.shakenpki.pkix.Fingerprints;
import org.shakenpki.pkix.TNAuthList;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Identifier;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Session;

import javax.net.ssl.SSLContext;
import java.security.KeyPair;
import java.time.Duration;

/** acme4j against the deployed STI-CA over HTTPS, up to a pending tkauth-01 challenge. */
final class AcmeFlows {
    static final String HTTPS = "https://localhost:" + System.getProperty("it.https.port", "18443");
    private static TestStiPa stiPa;

    private AcmeFlows() {
    }

    /**
     * The trusted test STI-PA, made once per test JVM: its root is a trust anchor of the STI-CA, written again should a
     * server started by a later IT class have rewritten the anchors file.
     */
    static synchronized TestStiPa stiPa() throws Exception {
        if (stiPa == null) {
            stiPa = TestStiPa.create("signer", true, HTTPS);
        }
        stiPa.trust();
        return stiPa;
    }

    static Session session() throws Exception {
        SSLContext.setDefault(TestTls.context());
        return new Session(HTTPS + "/acme/directory");
    }

    /** A new account, an order for the SPC, and its tkauth-01 challenge. */
    record Started(KeyPair accountKey, Account account, Order order, TkAuthChallenge challenge, TNAuthList tnAuthList) {
        String spkiFingerprint() {
            return Fingerprints.format(Fingerprints.spkiSha256(accountKey.getPublic()));
        }

        String jwkFingerprint() {
            return Fingerprints.format(Fingerprints.jwkThumbprint(accountKey.getPublic()));
        }
    }

    static Started start(String spc) throws Exception {
        return start(spc, null);
    }

    /** As {@link #start(String)}, with the order's notAfter (RFC 8555 section 7.4) when not null. */
    static Started start(String spc, java.time.Instant notAfter) throws Exception {
        KeyPair accountKey = TestStiPa.p256();
        Account account = new AccountBuilder().agreeToTermsOfService().addEmail("noc@example.com").useKeyPair(accountKey).create(session());
        TNAuthList tnAuthList = TNAuthList.ofSpc(spc);
        var builder = account.newOrder().identifier(new Identifier("TNAuthList", tnAuthList.toBase64Url()));
        if (notAfter != null) {
            builder.notAfter(notAfter);
        }
        Order order = builder.create();
        TkAuthChallenge challenge = order.getAuthorizations().get(0).findChallenge(TkAuthChallenge.class).orElseThrow();
        return new Started(accountKey, account, order, challenge, tnAuthList);
    }

    static String token(Started started, String fingerprint, boolean ca) throws Exception {
        return stiPa().token(started.tnAuthList().toBase64Url(), fingerprint, ca, Duration.ofMinutes(10));
    }
}
