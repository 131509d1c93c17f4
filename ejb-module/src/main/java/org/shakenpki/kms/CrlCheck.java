package org.shakenpki.kms;

import org.shakenpki.pkix.Pem;
import org.shakenpki.stipa.IndirectCrl;

import java.io.IOException;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The SP-KMS's decision on one STI-PA CRL: which of its managed certificates the CRL lists (ATIS-1000080 section
 * 5.3.3, an indirect CRL whose entries name their STI-CA in certificateIssuer, RFC 5280 section 5.3.3). The CRL
 * counts only once {@link IndirectCrl#verify} accepted it (its signer chains to the configured STI-PA root and
 * signed it, and it is current); a CRL that cannot be fetched or verified changes nothing, because an unverified
 * "revoked" would let anyone who can answer in the STI-PA's place make the SP-KMS throw its keys away.
 */
public final class CrlCheck {
    private CrlCheck() {
    }

    /** What the SP-KMS is told by the STI-PA: the CRL's bytes, its signer's chain and the roots to trust. */
    public interface Feed {
        byte[] crlDer() throws IOException;

        List<X509Certificate> signerChain() throws IOException;

        Set<TrustAnchor> stiPaAnchors() throws IOException;
    }

    /** A managed certificate found on the CRL. */
    public record Listing(long credentialId, String spc, String serialHex, IndirectCrl.Entry entry) {
        /** What the operator reads in the credential's error, the audit record and the health data. */
        public String detail() {
            return "certificate " + serialHex + " is on the STI-PA CRL (" + entry.reason() + ", revoked at "
                    + entry.revokedAt() + "): replacing it with a fresh key";
        }
    }

    /**
     * The result of a check.
     *
     * @param unverifiable why no verified CRL was had, if so; then {@code listed} is empty
     * @param listed       the managed certificates the CRL newly lists
     */
    public record Verdict(Optional<String> unverifiable, List<Listing> listed) {
        static Verdict unverifiable(String reason) {
            return new Verdict(Optional.of(reason), List.of());
        }
    }

    /** Fetches and verifies the CRL, then looks up each credential whose current certificate is news to it. */
    public static Verdict check(Feed feed, List<ManagedCredential> credentials, Instant now) {
        IndirectCrl crl;
        try {
            crl = IndirectCrl.verify(feed.crlDer(), feed.signerChain(), feed.stiPaAnchors(), now);
        } catch (IOException | IllegalArgumentException e) {
            return Verdict.unverifiable(String.valueOf(e.getMessage()));
        }
        List<Listing> listed = new ArrayList<>();
        for (ManagedCredential credential : credentials) {
            if (!credential.isNewCrlListing() || credential.chainPem() == null) {
                continue;
            }
            X509Certificate leaf = Pem.certificates(credential.chainPem()).get(0);
            crl.lookup(leaf).ifPresent(entry -> listed.add(
                    new Listing(credential.id(), credential.spc(), credential.serialHex(), entry)));
        }
        return new Verdict(Optional.empty(), List.copyOf(listed));
    }
}
