package org.shakenpki.ca;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.shakenpki.pkix.VerifiedSubject;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the STI-CA does with a finalize CSR's subject (RFC 8555 section 7.4 lets the CA decide what it honours of a
 * CSR; ATIS-1000080 section 6.4.1 says the optional DN attributes SHOULD be validated claims about the provider).
 * The certificate's subject is always the verified one ({@link CertificateIssuer}); an attribute of the CSR that
 * disagrees with it (another value, an attribute the subscriber record lacks, a type a SHAKEN subject does not
 * hold) is either ignored or refused with {@code badCSR} naming it ({@code shakenpki.ca.csr-subject-mismatch}).
 * Values are compared as X.520 caseIgnoreMatch does in effect (RFC 4518: case and insignificant spaces aside);
 * attributes the CSR leaves out are never a disagreement.
 */
public final class CsrSubject {

    /** {@code shakenpki.ca.csr-subject-mismatch}: {@code ignore} (the default) or {@code badCSR}. */
    public enum Mismatch {
        /** The CA writes the verified subject and says in the audit record what it did not copy. */
        IGNORE,
        /** finalize is refused with badCSR naming each disagreeing attribute. */
        BAD_CSR;

        /** The setting's values. */
        public static final Map<String, Mismatch> NAMES = Map.of("ignore", IGNORE, "badCSR", BAD_CSR);
    }

    private CsrSubject() {
    }

    /**
     * The CSR subject's attributes that disagree with the subject the certificate will have, one description
     * each ({@code O "Other Telecom" is not the verified "IT Telecom, Inc."}); empty when it agrees.
     */
    public static List<String> disagreements(X500Name requested, VerifiedSubject verified, String cn) {
        Map<ASN1ObjectIdentifier, String> issued = new LinkedHashMap<>();
        VerifiedSubject.ATTRIBUTES.keySet().forEach(type -> issued.put(type, verified.value(type)));
        issued.put(BCStyle.CN, cn);
        List<String> found = new ArrayList<>();
        for (RDN rdn : requested.getRDNs()) {
            for (AttributeTypeAndValue attribute : rdn.getTypesAndValues()) {
                ASN1ObjectIdentifier type = attribute.getType();
                String name = VerifiedSubject.nameOf(type);
                String value = attribute.getValue() instanceof ASN1String s ? s.getString() : attribute.getValue().toString();
                if (!issued.containsKey(type)) {
                    found.add(name + " is not an attribute this STI-CA writes");
                } else if (issued.get(type) == null) {
                    found.add(name + " \"" + value + "\" is not verified for this subscriber");
                } else if (!normalised(value).equals(normalised(issued.get(type)))) {
                    found.add(name + " \"" + value + "\" is not the verified \"" + issued.get(type) + "\"");
                }
            }
        }
        return found;
    }

    /**
     * Applies the setting: refuses a disagreeing CSR with {@code badCSR} under {@link Mismatch#BAD_CSR}, and
     * otherwise returns the disagreements (ignored) for the audit record.
     */
    public static List<String> apply(Mismatch mode, X500Name requested, VerifiedSubject verified, String cn, String whose) {
        List<String> found = disagreements(requested, verified, cn);
        if (mode == Mismatch.BAD_CSR && !found.isEmpty()) {
            throw new ProblemException(ProblemType.BAD_CSR, "the CSR subject disagrees with what the STI-CA verified about "
                    + whose + ": " + String.join("; ", found));
        }
        return found;
    }

    private static String normalised(String value) {
        return value.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
