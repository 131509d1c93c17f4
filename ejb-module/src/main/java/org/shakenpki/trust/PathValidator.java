package org.shakenpki.trust;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * RFC 5280 section 6 path validation of a chain as it was served or submitted, for every role of this
 * application. The rules that matter against a forged chain:
 * <ul>
 *   <li>the <b>target is the first certificate</b> of the chain, whatever it is: nothing is filtered out
 *       before it, so a chain cannot lead with a self-made certificate that a filter then drops while the
 *       caller still reads the key or SPC from it;</li>
 *   <li>only certificates <b>equal to a configured trust anchor</b> (by their DER) are dropped from the path;
 *       any other self-signed or self-issued certificate stays in it and fails RFC 5280 chaining;</li>
 *   <li>the order is the served order (RFC 8225 section 5.1.1, RFC 9060: signer first, then towards the
 *       anchor), with no reordering and no search: a reversed or padded chain fails;</li>
 *   <li>signatures, name chaining, validity, basic constraints, path length and the CAs' keyCertSign are the
 *       JDK PKIX validator's (RFC 5280 section 6.1); revocation is not, because SHAKEN revocation is the
 *       STI-PA's indirect CRL, checked by the caller on the validated path;</li>
 *   <li>each certificate's TNAuthList must lie within its issuer's ({@link TnAuthScope}, RFC 9060);</li>
 *   <li>the end-entity must fit the {@link PathPurpose}.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class PathValidator {
    /** Longer chains are refused before any signature is checked: SHAKEN paths are two or three long. */
    static final int MAX_CHAIN = 8;

    private static final int DIGITAL_SIGNATURE = 0;
    private static final int KEY_CERT_SIGN = 5;
    private static final int CRL_SIGN = 6;

    private PathValidator() {
    }

    /**
     * Validates {@code chain} (target first) to one of {@code anchors} at {@code at}, for {@code purpose}.
     *
     * @throws UntrustedPath naming the reason class and the first failed check
     */
    public static ValidatedPath validate(List<X509Certificate> chain, Collection<TrustAnchor> anchors, Instant at,
                                         PathPurpose purpose) throws UntrustedPath {
        if (chain == null || chain.isEmpty()) {
            throw new UntrustedPath(UntrustedPath.Reason.MALFORMED_CHAIN, "the chain holds no certificate");
        }
        if (chain.size() > MAX_CHAIN) {
            throw new UntrustedPath(UntrustedPath.Reason.MALFORMED_CHAIN, "the chain holds " + chain.size()
                    + " certificates; at most " + MAX_CHAIN + " are accepted");
        }
        if (anchors.isEmpty()) {
            throw new UntrustedPath(UntrustedPath.Reason.MALFORMED_CHAIN, "no trust anchor is configured");
        }
        Set<ByteBuffer> anchorDer = new HashSet<>();
        for (TrustAnchor anchor : anchors) {
            anchorDer.add(der(anchor.getTrustedCert()));
        }
        Set<ByteBuffer> seen = new HashSet<>();
        List<X509Certificate> path = new ArrayList<>(chain.size());
        for (int i = 0; i < chain.size(); i++) {
            ByteBuffer encoded = der(chain.get(i));
            if (!seen.add(encoded)) {
                throw new UntrustedPath(UntrustedPath.Reason.MALFORMED_CHAIN, "the chain holds a certificate twice");
            }
            if (anchorDer.contains(encoded)) {
                if (i == 0) {
                    throw new UntrustedPath(UntrustedPath.Reason.ANCHOR_AS_TARGET,
                            "the first certificate is a trust anchor, not a certificate issued under one");
                }
                continue;
            }
            path.add(chain.get(i));
        }
        Instant when = purpose == PathPurpose.REVOCATION_TARGET ? latestValidTime(path, at) : at;
        PKIXCertPathValidatorResult result = pkix(path, Set.copyOf(anchors), when);
        for (int i = path.size() - 1; i > 0; i--) {
            TnAuthScope.requireWithin(path.get(i - 1), path.get(i));
        }
        TnAuthScope.requireWithin(path.get(path.size() - 1), result.getTrustAnchor().getTrustedCert());
        requirePurpose(path.get(0), purpose);
        return new ValidatedPath(path, result.getTrustAnchor(), purpose);
    }

    private static PKIXCertPathValidatorResult pkix(List<X509Certificate> path, Set<TrustAnchor> anchors, Instant at)
            throws UntrustedPath {
        try {
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(at));
            return (PKIXCertPathValidatorResult) CertPathValidator.getInstance("PKIX")
                    .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
        } catch (CertPathValidatorException e) {
            String where = e.getIndex() >= 0 ? " (certificate " + (e.getIndex() + 1) + " of the path)" : "";
            throw new UntrustedPath(UntrustedPath.Reason.NOT_TRUSTED, e.getMessage() + where, e);
        } catch (GeneralSecurityException e) {
            throw new UntrustedPath(UntrustedPath.Reason.NOT_TRUSTED, "the chain cannot be validated: " + e.getMessage(), e);
        }
    }

    /** A certificate to revoke is checked at {@code at}, or at the end of its validity if that has passed. */
    private static Instant latestValidTime(List<X509Certificate> path, Instant at) {
        Instant notAfter = path.stream().map(c -> c.getNotAfter().toInstant()).min(Instant::compareTo).orElse(at);
        return at.isAfter(notAfter) ? notAfter : at;
    }

    private static void requirePurpose(X509Certificate endEntity, PathPurpose purpose) throws UntrustedPath {
        boolean ca = endEntity.getBasicConstraints() >= 0;
        boolean[] usage = endEntity.getKeyUsage();
        switch (purpose) {
            case PASSPORT_SIGNING -> {
                if (ca) {
                    throw wrongPurpose("a CA certificate does not sign PASSporTs");
                }
                if (usage != null && !has(usage, DIGITAL_SIGNATURE)) {
                    throw wrongPurpose("the signing certificate's key usage lacks digitalSignature");
                }
            }
            case SPC_TOKEN_SIGNING, TRUST_LIST_SIGNING -> {
                if (ca) {
                    throw wrongPurpose("a CA certificate is not an STI-PA signer");
                }
                if (usage != null && (!has(usage, DIGITAL_SIGNATURE) || has(usage, KEY_CERT_SIGN) || has(usage, CRL_SIGN))) {
                    throw wrongPurpose("the signer's key usage must be digitalSignature and neither keyCertSign nor cRLSign");
                }
            }
            case CRL_SIGNING -> {
                if (usage != null && !has(usage, CRL_SIGN)) {
                    throw wrongPurpose("the CRL signer's key usage lacks cRLSign");
                }
            }
            case REVOCATION_TARGET -> {
                // any certificate issued under a trusted STI-CA may be revoked; callers check whose it is
            }
        }
    }

    private static boolean has(boolean[] usage, int bit) {
        return usage.length > bit && usage[bit];
    }

    private static UntrustedPath wrongPurpose(String detail) {
        return new UntrustedPath(UntrustedPath.Reason.WRONG_PURPOSE, detail);
    }

    private static ByteBuffer der(X509Certificate certificate) throws UntrustedPath {
        try {
            return ByteBuffer.wrap(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new UntrustedPath(UntrustedPath.Reason.MALFORMED_CHAIN, "a certificate cannot be encoded");
        }
    }
}
