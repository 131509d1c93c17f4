package org.shakenpki.pa;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Completes a submitted chain towards its root with CA certificates the STI-PA already knows (the local
 * STI-CA's intermediate), for clients that send a certificate without its chain. Only the tail is extended:
 * the first certificate stays the target, nothing is removed or reordered, and a candidate is appended only
 * if its key verifies the signature of the certificate before it. The result is still only a candidate path:
 * {@link org.shakenpki.trust.PathValidator} decides (RFC 5280 section 6).
 */
final class ChainCompletion {
    private static final int MAX_ADDED = 4;

    private ChainCompletion() {
    }

    static List<X509Certificate> complete(List<X509Certificate> chain, List<X509Certificate> known) {
        List<X509Certificate> completed = new ArrayList<>(chain);
        for (int added = 0; added < MAX_ADDED && !completed.isEmpty(); added++) {
            X509Certificate last = completed.get(completed.size() - 1);
            if (last.getIssuerX500Principal().equals(last.getSubjectX500Principal())) {
                break;
            }
            X509Certificate issuer = issuerOf(last, known, completed);
            if (issuer == null) {
                break;
            }
            completed.add(issuer);
        }
        return completed;
    }

    private static X509Certificate issuerOf(X509Certificate certificate, List<X509Certificate> known,
                                            List<X509Certificate> already) {
        for (X509Certificate candidate : known) {
            if (candidate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())
                    && !already.contains(candidate) && signed(certificate, candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static boolean signed(X509Certificate certificate, X509Certificate by) {
        try {
            certificate.verify(by.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
