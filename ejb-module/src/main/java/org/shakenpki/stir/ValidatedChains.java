package org.shakenpki.stir;

import jakarta.enterprise.context.ApplicationScoped;
import org.bouncycastle.asn1.x500.X500Name;
import org.shakenpki.trust.ValidatedPath;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The outcome of the checks on an x5u chain that depend only on the chain, the trust list and the time: the
 * signing certificate's SHAKEN profile and SPC, its cRLIssuer names, and the RFC 5280 path validation to the
 * STI-PA trust list. A verifier sees the same few chains for millions of calls; repeating these checks per
 * call repeated the same answer.
 *
 * <p>A kept outcome is used only for the very chain object it was computed for ({@link X5uChains} hands out
 * the same object while it caches the x5u response, a new one when it fetches again), the very trust-list
 * object ({@link StiPaFeeds} makes a new one when it fetches the list again), the same profile strictness, and
 * only while the time lies within every path certificate's validity, the one input of path validation that
 * changes by itself. Failed checks are not kept. Revocation is not part of it: each call looks the path up in
 * the current CRL, and the PASSporT signature is verified on each call.
 */
@ApplicationScoped
public class ValidatedChains {
    private static final int MAX_ENTRIES = 10_000;

    /**
     * A chain that passed.
     *
     * @param path       the validated path; its end-entity alone supplies the key, SPC and cRLIssuer
     * @param crlIssuers the end-entity's cRLIssuer names
     * @param signingKey the end-entity's key, prepared for verifying PASSporTs ({@link org.shakenpki.pkix.SignatureVerification})
     * @param notBefore  the latest notBefore of the path
     * @param notAfter   the earliest notAfter of the path
     */
    record Verdict(List<X509Certificate> chain, TrustList trustList, boolean strict, String spc,
                   ValidatedPath path, List<X500Name> crlIssuers, ECPublicKey signingKey,
                   Instant notBefore, Instant notAfter) {

        /** The path's validity window and cRLIssuer names are read once here, not on every verification. */
        static Verdict of(List<X509Certificate> chain, TrustList trustList, boolean strict, String spc,
                          ValidatedPath path, ECPublicKey signingKey) {
            return new Verdict(chain, trustList, strict, spc, path, List.copyOf(path.crlIssuers()), signingKey,
                    path.notBefore(), path.notAfter());
        }

        /** RFC 5280 section 4.1.2.5: valid from notBefore through notAfter, both inclusive. */
        boolean holdsFor(List<X509Certificate> served, boolean strictProfile, Instant now) {
            return chain == served && strict == strictProfile && !now.isBefore(notBefore) && !now.isAfter(notAfter);
        }
    }

    private final Map<URI, Verdict> verdicts = new ConcurrentHashMap<>();

    /**
     * The kept verdict for this x5u if it holds for this chain object, strictness and time; the caller must
     * still compare {@link Verdict#trustList()} with the current trust list (by identity).
     */
    Verdict find(URI x5u, List<X509Certificate> chain, boolean strict, Instant now) {
        Verdict verdict = verdicts.get(x5u);
        return verdict != null && verdict.holdsFor(chain, strict, now) ? verdict : null;
    }

    void keep(URI x5u, Verdict verdict) {
        if (verdicts.size() >= MAX_ENTRIES) {
            verdicts.clear();
        }
        verdicts.put(x5u, verdict);
    }
}
