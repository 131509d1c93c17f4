package org.shakenpki.kms;

import org.shakenpki.pkix.TNAuthList;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Read-only views of the SP-KMS's delegate CAs and the end-entity certificates issued under them, what the admin
 * API renders: values, not the JPA entities.
 */
public final class DelegateViews {
    private DelegateViews() {
    }

    /** A delegate CA (RFC 9060): its SPC, the numbers it may delegate, its certificate's serial, x5u and chain. */
    public record Ca(String spc, TNAuthList numbers, String keyAlias, String serialHex, String certificateUrl,
                     OffsetDateTime notAfter, String chainPem) {
        static Ca of(DelegateCa ca) {
            return new Ca(ca.spc(), ca.numbers(), ca.keyAlias(), ca.serialHex(), ca.certificateUrl(), ca.notAfter(), ca.chainPem());
        }
    }

    /** An end-entity delegate certificate and what became of it. */
    public record Certificate(String serialHex, String delegateSpc, String holder, TNAuthList tnAuthList,
                              String certificateUrl, OffsetDateTime notAfter, OffsetDateTime revokedAt,
                              String revocationReason, String stiPaReport, String chainPem) {
        static Certificate of(DelegateCertificate c) {
            return new Certificate(c.serialHex(), c.delegateSpc(), c.holder(), c.tnAuthList(), c.certificateUrl(),
                    c.notAfter(), c.revokedAt(), c.revocationReason(), c.stiPaReport(), c.chainPem());
        }
    }

    /** A delegate CA with the certificates issued under it. */
    public record Detail(Ca ca, List<Certificate> certificates) {
    }
}
