package org.shakenpki.stir;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.shakenpki.pkix.SpcSyntax;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.text.ParseException;
import java.util.Map;

/**
 * A notification of the SP-KMS to the signing service, the JSON body its webhook POSTs:
 * {@code {"event":"credential.issued","spc","keyAlias","certificateUrl","serialNumber","notAfter"}} (README,
 * "SP-KMS"). Only what the STI-AS acts on is read; the rest it learns from the certificate itself.
 *
 * @param event          {@code credential.issued}, or another kind the STI-AS ignores
 * @param spc            the SPC of the new certificate
 * @param keyAlias       the key of the new certificate, on the token the SP-KMS and the STI-AS share
 * @param certificateUrl the STI-CR URL of the new chain (the PASSporT's x5u)
 */
record CredentialNotice(String event, String spc, String keyAlias, String certificateUrl) {
    static final String ISSUED = "credential.issued";

    boolean isIssued() {
        return ISSUED.equals(event);
    }

    /**
     * @throws ProblemException MALFORMED when the body is not such a notification
     */
    static CredentialNotice parse(String body) {
        try {
            Map<String, Object> json = JSONObjectUtils.parse(body == null ? "" : body);
            String event = JSONObjectUtils.getString(json, "event");
            if (!ISSUED.equals(event)) {
                return new CredentialNotice(event, null, null, null);
            }
            String spc = required(json, "spc");
            if (!SpcSyntax.isValid(spc)) {
                throw new ProblemException(ProblemType.MALFORMED, "spc: " + SpcSyntax.RULE);
            }
            return new CredentialNotice(event, spc, required(json, "keyAlias"), required(json, "certificateUrl"));
        } catch (ParseException e) {
            throw new ProblemException(ProblemType.MALFORMED, "the notification is not a JSON object with string members: "
                    + e.getMessage());
        }
    }

    private static String required(Map<String, Object> json, String name) throws ParseException {
        String value = JSONObjectUtils.getString(json, name);
        if (value == null || value.isBlank()) {
            throw new ProblemException(ProblemType.MALFORMED, "the notification has no " + name);
        }
        return value;
    }
}
