package org.shakenpki.pa;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import org.shakenpki.pkix.Pem;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/** What the STI-PA publishes to everyone: its CRL and its certificates. Read-only. */
@Stateless
public class PaDownloads {
    /** The download name of the STI-PA root. */
    public static final String ROOT_NAME = "sti-pa-root.crt";
    /** A stable name of the CRL signer (followed by the root), for verifiers that check the CRL's signature. */
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
            return Optional.of(Pem.encode(List.of(keys.certificate(PaCertificate.Purpose.CRL_SIGNER), root)));
        }
        for (PaCertificate.Purpose purpose : List.of(PaCertificate.Purpose.TOKEN_SIGNER, PaCertificate.Purpose.CRL_SIGNER)) {
            X509Certificate signer = keys.certificate(purpose);
            if (PaKeys.downloadName(signer).equals(name)) {
                return Optional.of(Pem.encode(List.of(signer, root)));
            }
        }
        return Optional.empty();
    }
}
