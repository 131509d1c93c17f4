package org.shakenpki.sks;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * The state of the Secure Key Store's tokens for health checks and operators: a read-only view of
 * {@link SecureKeyStore} that reaches no token, key or signer.
 */
@ApplicationScoped
public class KeyStoreStatus {

    @EJB
    SecureKeyStore keyStore;

    /** Every configured token's state, in {@code sks.roles} order ({@link SecureKeyStore#status()}). */
    public List<TokenStatus> tokens() {
        return keyStore.status();
    }
}
