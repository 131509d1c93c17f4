package org.shakenpki.ca;

import jakarta.ejb.EJB;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.shakenpki.sks.KeyService;
import org.shakenpki.sks.KeyStoreToken;
import org.shakenpki.sks.MacKeys;
import org.shakenpki.sks.SecureKeyStore;

/**
 * Where the External Account Binding HMAC keys (RFC 8555 section 7.3.4) live: on the STI-CA's {@code ca} HSM
 * token, as sensitive, non-extractable secret keys named {@code eab-<kid>} ({@link MacKeys}). The server computes
 * every MAC on the token; nothing, the STI-CA included, can read a key back after it was shown once.
 */
// LocalBean: implementing an interface would otherwise make it the bean's only (local) view
@Stateless
@LocalBean
public class EabMacKeys implements ExternalAccountBinding.MacKeys {
    private static final String TOKEN = "ca";

    @PersistenceContext(unitName = "shakenpki")
    EntityManager em;

    @EJB
    SecureKeyStore keyStore;

    @EJB
    KeyService keys;

    /**
     * Puts a new EAB key on the token, in the caller's transaction: if it rolls back (the {@link EabKey} row does
     * not commit), the key is destroyed again, so no key is left on the token that no row names.
     */
    public void importKey(String kid, byte[] key) {
        keys.importMacKey(TOKEN, alias(kid), key, SubscriberManagement.ACTOR);
    }

    /** Whether the token holds the EAB key of {@code kid}. */
    public boolean onToken(String kid) {
        return macKeys().holdsMacKey(alias(kid));
    }

    @Override
    public boolean known(String kid) {
        return kid.length() <= 40 && em.find(EabKey.class, kid) != null;
    }

    @Override
    public boolean verifies(String kid, byte[] data, byte[] mac) {
        return macKeys().verifyMac(alias(kid), data, mac);
    }

    private MacKeys macKeys() {
        KeyStoreToken token = keyStore.token(TOKEN);
        if (!(token instanceof MacKeys keys)) {
            throw new IllegalStateException("the " + TOKEN + " token cannot hold MAC keys");
        }
        return keys;
    }

    private static String alias(String kid) {
        return "eab-" + kid;
    }
}
