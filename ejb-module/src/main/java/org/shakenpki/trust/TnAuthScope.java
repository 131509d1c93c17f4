package org.shakenpki.trust;

import org.shakenpki.pkix.CertificateExtensions;
import org.shakenpki.pkix.TNAuthList;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * TNAuthList containment along a delegate chain (RFC 9060 sections 4 and 6, RFC 8226 section 9): a certificate
 * issued by a certificate that carries a TNAuthList must carry one too, and every entry of it must be
 * encompassed by an entry of the issuer's:
 * <ul>
 *   <li>an SPC by the same SPC;</li>
 *   <li>a telephone number by the same number or by a range holding it;</li>
 *   <li>a range by one range holding all of it (a range split over two adjacent issuer ranges is refused);</li>
 *   <li>a telephone number or range by any SPC of the issuer: RFC 9060 section 4 lets an SPC-only parent
 *       delegate numbers, and which numbers an SPC serves cannot be known from certificates (docs/interop.md).</li>
 * </ul>
 * An issuer without a TNAuthList (an STI-CA's root or intermediate) constrains nothing: the STI-CA's authority
 * comes from the STI-PA trust list.
 *
 * <p>The same rule serves three callers, so that it lives in one place: {@link PathValidator} on every chain, the
 * SP-KMS before its delegate CA signs a certificate ({@link #requireWithin(TNAuthList, TNAuthList)}), and the
 * STI-VS for the calling number of a PASSporT ({@link #authorizes(TNAuthList, String)}).
 */
public final class TnAuthScope {
    private TnAuthScope() {
    }

    /**
     * Whether a certificate whose TNAuthList is {@code list} may sign for the telephone number {@code tn}
     * (RFC 8226 section 9; RFC 9060 section 4: a delegate certificate's authority is its TNAuthList): {@code tn}
     * is one of its numbers or lies in one of its ranges, or the list holds an SPC, whose numbers cannot be known
     * from certificates (ATIS-1000080: an SPC certificate signs for any number its provider serves).
     *
     * @param tn the number as PASSporT {@code orig.tn} carries it (RFC 8225 section 5.2.1: digits only)
     */
    public static boolean authorizes(TNAuthList list, String tn) {
        return tn != null && !tn.isEmpty() && encompassed(new TNAuthList.One(tn), list.entries());
    }

    /**
     * Requires every entry of {@code child} to be encompassed by an entry of {@code parent} (RFC 9060 section 4),
     * the check a delegate CA makes before it signs ({@code parent} is its own TNAuthList).
     *
     * @throws UntrustedPath {@link UntrustedPath.Reason#OUT_OF_SCOPE} naming the first entry outside the scope
     */
    public static void requireWithin(TNAuthList child, TNAuthList parent) throws UntrustedPath {
        for (TNAuthList.Entry entry : child.entries()) {
            if (!encompassed(entry, parent.entries())) {
                throw new UntrustedPath(UntrustedPath.Reason.OUT_OF_SCOPE, "TNAuthList entry " + entry
                        + " is not within " + parent);
            }
        }
    }

    static void requireWithin(X509Certificate child, X509Certificate issuer) throws UntrustedPath {
        Optional<TNAuthList> parentList = decode(issuer);
        if (parentList.isEmpty()) {
            return;
        }
        Optional<TNAuthList> childList = decode(child);
        if (childList.isEmpty()) {
            throw new UntrustedPath(UntrustedPath.Reason.OUT_OF_SCOPE, "certificate " + name(child)
                    + " has no TNAuthList although its issuer " + name(issuer) + " is limited to " + parentList.get());
        }
        for (TNAuthList.Entry entry : childList.get().entries()) {
            if (!encompassed(entry, parentList.get().entries())) {
                throw new UntrustedPath(UntrustedPath.Reason.OUT_OF_SCOPE, "TNAuthList entry " + entry + " of " + name(child)
                        + " is not within its issuer's " + parentList.get());
            }
        }
    }

    static boolean encompassed(TNAuthList.Entry entry, List<TNAuthList.Entry> parent) {
        for (TNAuthList.Entry candidate : parent) {
            if (covers(candidate, entry)) {
                return true;
            }
        }
        return false;
    }

    private static boolean covers(TNAuthList.Entry parent, TNAuthList.Entry child) {
        if (child instanceof TNAuthList.Spc spc) {
            return parent instanceof TNAuthList.Spc p && p.code().equals(spc.code());
        }
        if (parent instanceof TNAuthList.Spc) {
            return true;
        }
        if (child instanceof TNAuthList.One one) {
            if (parent instanceof TNAuthList.One p) {
                return p.number().equals(one.number());
            }
            return parent instanceof TNAuthList.Range p && holds(p, one.number(), BigInteger.ONE);
        }
        TNAuthList.Range range = (TNAuthList.Range) child;
        return parent instanceof TNAuthList.Range p && holds(p, range.start(), range.count());
    }

    /** Whether {@code count} numbers from {@code start} lie in the range: same length, all digits, inside it. */
    private static boolean holds(TNAuthList.Range range, String start, BigInteger count) {
        if (start.length() != range.start().length() || !digits(start) || !digits(range.start())) {
            return false;
        }
        BigInteger first = new BigInteger(range.start());
        BigInteger last = first.add(range.count()).subtract(BigInteger.ONE);
        BigInteger from = new BigInteger(start);
        BigInteger to = from.add(count).subtract(BigInteger.ONE);
        return from.compareTo(first) >= 0 && to.compareTo(last) <= 0;
    }

    private static boolean digits(String number) {
        return number.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static Optional<TNAuthList> decode(X509Certificate certificate) throws UntrustedPath {
        try {
            return CertificateExtensions.tnAuthList(certificate);
        } catch (IllegalArgumentException e) {
            throw new UntrustedPath(UntrustedPath.Reason.MALFORMED_CHAIN, "certificate " + name(certificate)
                    + " has a TNAuthList that cannot be decoded");
        }
    }

    private static String name(X509Certificate certificate) {
        return "\"" + certificate.getSubjectX500Principal().getName() + "\"";
    }
}
