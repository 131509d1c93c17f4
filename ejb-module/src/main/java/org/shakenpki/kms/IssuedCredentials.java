package org.shakenpki.kms;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.shakenpki.sks.SecureKeyStore;
import org.shakenpki.sks.Signer;

import java.util.List;

/**
 * What the SP-KMS offers a signing service of the same deployment (the in-process counterpart of its webhook):
 * the credentials it issued that may be signed with now, each with a signer of its key on the {@code kms}
 * token, and the {@link CredentialIssued} event after each new certificate commits. The SP-KMS knows no
 * signing service; an adapter outside it ({@code org.shakenpki.wiring}) turns this into the STI-AS's port.
 */
@ApplicationScoped
public class IssuedCredentials {

    @EJB
    CredentialStore store;

    @EJB
    SecureKeyStore keyStore;

    /** A usable credential and the signer of its key. */
    public record Usable(Views.Credential credential, Signer signer) {
    }

    /** The active and renewing credentials that have a key and a certificate, by SPC. */
    public List<Usable> usable() {
        return store.all().stream().map(Views.Credential::of).filter(Views.Credential::usable)
                .map(c -> new Usable(c, keyStore.token(CredentialStore.TOKEN).signer(c.keyAlias())))
                .toList();
    }
}
