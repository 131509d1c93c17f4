package org.shakenpki.wiring;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.shakenpki.kms.CredentialIssued;
import org.shakenpki.kms.CredentialWithdrawn;
import org.shakenpki.kms.IssuedCredentials;
import org.shakenpki.stir.CredentialSourceKind;
import org.shakenpki.stir.SigningCredential;
import org.shakenpki.stir.SigningCredentialChanged;
import org.shakenpki.stir.AsSettings;
import org.shakenpki.stir.SigningCredentialSource;

import java.util.List;

/**
 * The {@code local} adapter of the STI-AS's {@link SigningCredentialSource}: the credentials this deployment's
 * SP-KMS issued ({@link IssuedCredentials}), signed with on the SP-KMS's own token. The SP-KMS's
 * {@link CredentialIssued} event, observed after its transaction commits, becomes the STI-AS's
 * {@link SigningCredentialChanged}, and so does its {@link CredentialWithdrawn} (a certificate on the STI-PA CRL).
 */
@ApplicationScoped
@CredentialSourceKind(AsSettings.LOCAL)
public class KmsSigningCredentials implements SigningCredentialSource {

    @Inject
    IssuedCredentials issued;

    @Inject
    Event<SigningCredentialChanged> changes;

    @Override
    public List<SigningCredential> usable() {
        return issued.usable().stream().map(u -> new SigningCredential(u.credential().spc(), u.signer(),
                u.credential().certificateUrl(), u.credential().notBefore().toInstant(),
                u.credential().notAfter().toInstant())).toList();
    }

    void onIssued(@Observes(during = TransactionPhase.AFTER_SUCCESS) CredentialIssued event) {
        changes.fire(new SigningCredentialChanged(event.spc(), event.keyAlias()));
    }

    /** A certificate on the STI-PA CRL: the STI-AS forgets it and finds no usable one until its successor comes. */
    void onWithdrawn(@Observes(during = TransactionPhase.AFTER_SUCCESS) CredentialWithdrawn event) {
        changes.fire(new SigningCredentialChanged(event.spc(), "none (certificate " + event.serialHex() + " revoked)"));
    }
}
