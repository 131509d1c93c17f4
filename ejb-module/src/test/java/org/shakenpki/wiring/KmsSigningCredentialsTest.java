package org.shakenpki.wiring;

import org.junit.jupiter.api.Test;
import org.shakenpki.kms.CredentialIssued;
import org.shakenpki.kms.CredentialState;
import org.shakenpki.kms.IssuanceOptions;
import org.shakenpki.kms.IssuedCredentials;
import org.shakenpki.kms.Views;
import org.shakenpki.pkix.SoftwareSigner;
import org.shakenpki.pkix.Vectors;
import org.shakenpki.stir.RecordedEvents;
import org.shakenpki.stir.SigningCredential;
import org.shakenpki.stir.SigningCredentialChanged;

import java.time.OffsetDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The in-process adapter: what the SP-KMS issued, as the STI-AS's port offers it. */
class KmsSigningCredentialsTest {
    private static final OffsetDateTime NOT_BEFORE = OffsetDateTime.parse("2026-12-01T00:00:00Z");

    @Test
    void offersTheSpKmsCredentialsWithTheirSignersAndAnnouncesEachNewCertificate() {
        SoftwareSigner signer = new SoftwareSigner(Vectors.p256());
        Views.Credential active = new Views.Credential("1234", CredentialState.ACTIVE,
                new IssuanceOptions("https://ca.example.test/acme", IssuanceOptions.Fingerprint.JWK_THUMBPRINT, "tkauth"),
                1, "spc-1234-a", "https://cr.example.test/1234.pem", "0a", NOT_BEFORE, NOT_BEFORE.plusDays(30),
                NOT_BEFORE.plusDays(20), NOT_BEFORE.plusDays(20), null, null, null);
        KmsSigningCredentials adapter = new KmsSigningCredentials();
        adapter.issued = new IssuedCredentials() {
            @Override
            public List<Usable> usable() {
                return List.of(new Usable(active, signer));
            }
        };
        RecordedEvents<SigningCredentialChanged> changes = new RecordedEvents<>();
        adapter.changes = changes;

        SigningCredential offered = adapter.usable().get(0);
        adapter.onIssued(new CredentialIssued("1234", "spc-1234-b", "https://cr.example.test/1234-b.pem"));

        assertEquals(new SigningCredential("1234", signer, "https://cr.example.test/1234.pem", NOT_BEFORE.toInstant(),
                NOT_BEFORE.plusDays(30).toInstant()), offered);
        assertSame(signer, offered.signer());
        assertEquals(List.of(new SigningCredentialChanged("1234", "spc-1234-b")), changes.fired);
    }
}
