package org.shakenpki.stir;

import org.shakenpki.pkix.SoftwareSigner;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;
import org.shakenpki.sks.KeyHandle;
import org.shakenpki.sks.KeyStoreToken;
import org.shakenpki.sks.SecureKeyStore;
import org.shakenpki.sks.Signer;
import org.shakenpki.sks.TokenStatus;

import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** An in-memory key store token of one role for unit tests, with software keys under aliases. */
final class FakeToken implements KeyStoreToken {
    private final String role;
    final Map<String, KeyPair> keys = new ConcurrentHashMap<>();

    FakeToken(String role) {
        this.role = role;
    }

    /** A key store that opens this token for its role and refuses every other role. */
    SecureKeyStore keyStore() {
        return new SecureKeyStore() {
            @Override
            public KeyStoreToken token(String wanted) {
                if (!wanted.equals(role)) {
                    throw new ProblemException(ProblemType.NOT_FOUND, "no key store token for role " + wanted);
                }
                return FakeToken.this;
            }
        };
    }

    @Override
    public String role() {
        return role;
    }

    @Override
    public Signer signer(String alias) {
        KeyPair pair = keys.get(alias);
        if (pair == null) {
            throw new ProblemException(ProblemType.NOT_FOUND, "no key " + alias);
        }
        return new SoftwareSigner(pair);
    }

    @Override
    public PublicKey publicKey(String alias) {
        return signer(alias).publicKey();
    }

    @Override
    public Optional<KeyHandle> findKey(String alias) {
        return Optional.ofNullable(keys.get(alias)).map(pair -> new KeyHandle(role, alias, pair.getPublic()));
    }

    @Override
    public KeyHandle createKey(String alias) {
        throw new UnsupportedOperationException();
    }

    @Override
    public KeyPair jcaKeyPair(String alias) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<String> aliases() {
        return keys.keySet().stream().sorted().toList();
    }

    @Override
    public void deleteKey(String alias) {
        keys.remove(alias);
    }

    @Override
    public TokenStatus status() {
        return new TokenStatus(role, "fake-" + role, 0, true, keys.size(), "");
    }
}
