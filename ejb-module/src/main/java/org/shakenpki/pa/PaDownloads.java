package org.shakenpki.pa;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import org.shakenpki.pkix.KeyIdentifiers;
import org.shakenpki.pkix.Pem;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the STI-PA publishes to everyone (ATIS-1000080 section 5.3.3): its CRL and its certificates. Read-only.
 * Every signer generation that is published ({@link PaKeys#published}) is served at its own name, so a token's
 * x5u keeps naming the certificate that signed it across a key rollover.
 */
@Stateless
public class PaDownloads {
    /** The download name of the STI-PA root. */
    public static final String ROOT_NAME = "sti-pa-root.crt";
    /**
     * A stable name of the CRL signers, for verifiers that check the CRL's signature: the signer of the CRL being
     * published first (what a verifier that takes the first certificate needs), then the other published CRL
     * signers (the next one during a rollover, the replaced one while its CRL may still be cached), then the root.
     */
    public static final String CRL_SIGNER_NAME = "sti-pa-crl-signer.crt";

    @EJB
    PaKeys keys;

    @EJB
    CrlPublisher crls;

    public Optional<Views.Crl> crl() {
        return crls.latest().map(Views.Crl::of);
    }

    /** The PEM of a published certificate by download name: the root alone, a signer followed by the root. */
    public Optional<String> certificatePem(String name) {
        X509Certificate root = keys.certificate(PaCertificate.Purpose.ROOT);
        if (ROOT_NAME.equals(name)) {
            return Optional.of(Pem.encode(root));
        }
        if (CRL_SIGNER_NAME.equals(name)) {
            List<X509Certificate> served = new ArrayList<>(keys.published(PaCertificate.Purpose.CRL_SIGNER));
            Optional<byte[]> signerKeyId = crls.latest().flatMap(crl -> KeyIdentifiers.crlAuthorityKeyId(crl.der()));
            signerKeyId.ifPresent(keyId -> served.sort(Comparator.comparing(
                    (X509Certificate certificate) -> !KeyIdentifiers.hasKeyId(certificate, keyId))));
            served.add(root);
            return Optional.of(Pem.encode(served));
        }
        Optional<X509Certificate> signer = keys.publishedSigner(name);
        if (signer.isPresent()) {
            return Optional.of(Pem.encode(List.of(signer.get(), root)));
        }
        return Optional.empty();
    }
}
