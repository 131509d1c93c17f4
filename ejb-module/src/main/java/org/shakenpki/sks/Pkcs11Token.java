package org.shakenpki.sks;

import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A {@link KeyStoreToken} on a PKCS#11 token through SunPKCS11.
 *
 * <p>The provider is configured so that generated private keys are {@code CKA_SENSITIVE} and not
 * {@code CKA_EXTRACTABLE} (PKCS#11 v2.40 section 4.9); {@code CKA_TOKEN} is deliberately not forced there,
 * since every generated pair would then become an orphan token object. A key becomes persistent when it is
 * stored in the PKCS#11 {@code KeyStore} with its {@link PlaceholderCertificate}; a library that keeps the
 * generated public key as a token object anyway gets that copy removed ({@link GeneratedPublicKeys}).
 *
 * <p>Every PKCS#11 library it is used on must meet the contract of {@code KeyStoreTokenContract} (the tests run it
 * on SoftHSM2 and on tpm2-pkcs11; docs/deployment.md lists how the two differ).
 */
public final class Pkcs11Token implements KeyStoreToken, MacKeys {
    private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");
    private static final String CURVE = "secp256r1";

    private final TokenSettings settings;
    private final String role;
    private final String label;
    private final long slot;
    private final Provider provider;
    private final KeyStore keyStore;
    private final Map<String, PrivateKey> privateKeys = new ConcurrentHashMap<>();
    private final Map<String, PublicKey> publicKeys = new ConcurrentHashMap<>();

    private Pkcs11Token(TokenSettings settings, long slot, Provider provider, KeyStore keyStore) {
        this.settings = settings;
        this.role = settings.role();
        this.label = settings.label();
        this.slot = slot;
        this.provider = provider;
        this.keyStore = keyStore;
    }

    /**
     * Configures a SunPKCS11 provider for the token these settings name and logs in.
     *
     * @throws IllegalStateException if the token cannot be found or opened, or refuses the PIN; the message names
     *                               the token and carries the library's reason (e.g. {@code CKR_SLOT_ID_INVALID},
     *                               {@code CKR_PIN_INCORRECT})
     */
    public static Pkcs11Token open(TokenSettings settings) {
        long slot = settings.slot().isPresent()
                ? settings.slot().getAsLong()
                : Pkcs11Slots.slotOf(settings.library(), settings.label());
        Provider provider;
        try {
            provider = Security.getProvider("SunPKCS11").configure(sunPkcs11Config(settings, slot));
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot open token " + settings.label() + " (slot " + slot + ") of "
                    + settings.library() + ": " + rootReason(e), e);
        }
        char[] pin = settings.readPin();
        try {
            KeyStore keyStore = KeyStore.getInstance("PKCS11", provider);
            keyStore.load(null, pin);
            return new Pkcs11Token(settings, slot, provider, keyStore);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot log in to token " + settings.label() + " (slot " + slot + "): "
                    + rootReason(e), e);
        } finally {
            java.util.Arrays.fill(pin, '\0');
        }
    }

    /** SunPKCS11 wraps the library's return value (a {@code CKR_} name) in two or three exceptions: the innermost says it. */
    private static String rootReason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    /** SunPKCS11 inline configuration (JDK PKCS#11 Reference Guide, "SunPKCS11 Configuration"). */
    static String sunPkcs11Config(TokenSettings settings, long slot) {
        return "--name = shaken-" + settings.role() + "\n"
                + "library = " + settings.library() + "\n"
                + "slot = " + slot + "\n"
                + "attributes(generate, CKO_PRIVATE_KEY, *) = {\n"
                + "  CKA_SENSITIVE = true\n"
                + "  CKA_EXTRACTABLE = false\n"
                + "}\n"
                // MacKeys: imported secret keys become sensitive and non-extractable: usable, never readable
                + "attributes(*, CKO_SECRET_KEY, *) = {\n"
                + "  CKA_SENSITIVE = true\n"
                + "  CKA_EXTRACTABLE = false\n"
                + "}\n";
    }

    @Override
    public String role() {
        return role;
    }

    /** The SunPKCS11 provider bound to this token, for JCA code that must run its operations on the token. */
    public Provider provider() {
        return provider;
    }

    @Override
    public KeyHandle createKey(String alias) {
        requireValidAlias(alias);
        try {
            synchronized (keyStore) {
                reloadObjectList();
                if (keyStore.containsAlias(alias)) {
                    throw new ProblemException(ProblemType.CONFLICT, "key alias " + alias + " exists on token " + role);
                }
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", provider);
                generator.initialize(new ECGenParameterSpec(CURVE));
                KeyPair pair = generator.generateKeyPair();
                Certificate placeholder = PlaceholderCertificate.create(alias, pair, provider);
                keyStore.setKeyEntry(alias, pair.getPrivate(), null, new Certificate[] {placeholder});
                // The certificate's copy of the public key lives in the JVM: the token's may go now.
                PublicKey publicKey = placeholder.getPublicKey();
                GeneratedPublicKeys.destroyTokenCopies(settings.library(), slot, (ECPublicKey) publicKey, role + ":" + alias);
                publicKeys.put(alias, publicKey);
                return new KeyHandle(role, alias, publicKey);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("key generation failed on token " + role, e);
        }
    }

    @Override
    public Optional<KeyHandle> findKey(String alias) {
        return loadPublicKey(alias).map(key -> new KeyHandle(role, alias, key));
    }

    @Override
    public PublicKey publicKey(String alias) {
        return loadPublicKey(alias).orElseThrow(() -> noSuchKey(alias));
    }

    @Override
    public Signer signer(String alias) {
        PrivateKey key = privateKeys.computeIfAbsent(alias, this::loadPrivateKey);
        if (key == null) {
            throw noSuchKey(alias);
        }
        return new Pkcs11Signer(role + ":" + alias, key, publicKey(alias), provider);
    }

    @Override
    public java.security.KeyPair jcaKeyPair(String alias) {
        PrivateKey key = privateKeys.computeIfAbsent(alias, this::loadPrivateKey);
        if (key == null) {
            throw noSuchKey(alias);
        }
        synchronized (Pkcs11Token.class) {
            if (Security.getProvider(provider.getName()) == null) {
                Security.addProvider(provider);
            }
        }
        return new java.security.KeyPair(publicKey(alias), key);
    }

    @Override
    public List<String> aliases() {
        try {
            List<String> aliases = new ArrayList<>(Collections.list(keyStore.aliases()));
            Collections.sort(aliases);
            return aliases;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot list the keys of token " + role, e);
        }
    }

    @Override
    public void deleteKey(String alias) {
        try {
            synchronized (keyStore) {
                privateKeys.remove(alias);
                publicKeys.remove(alias);
                reloadObjectList();
                if (keyStore.containsAlias(alias)) {
                    keyStore.deleteEntry(alias);
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot delete key " + alias + " on token " + role, e);
        }
    }

    @Override
    public void importMacKey(String alias, byte[] key) {
        requireValidAlias(alias);
        try {
            synchronized (keyStore) {
                reloadObjectList();
                if (keyStore.containsAlias(alias)) {
                    throw new ProblemException(ProblemType.CONFLICT, "key alias " + alias + " exists on token " + role);
                }
                keyStore.setEntry(alias, new KeyStore.SecretKeyEntry(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256")), null);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot import MAC key " + alias + " to token " + role, e);
        }
    }

    @Override
    public boolean holdsMacKey(String alias) {
        try {
            synchronized (keyStore) {
                reloadObjectList();
                return keyStore.containsAlias(alias) && keyStore.entryInstanceOf(alias, KeyStore.SecretKeyEntry.class);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot look for key " + alias + " on token " + role, e);
        }
    }

    @Override
    public boolean verifyMac(String alias, byte[] data, byte[] mac) {
        try {
            Key key = keyStore.getKey(alias, null);
            if (key == null && reloadedToFind(alias)) {
                key = keyStore.getKey(alias, null);
            }
            if (!(key instanceof javax.crypto.SecretKey secret)) {
                return false;
            }
            javax.crypto.Mac hmac = javax.crypto.Mac.getInstance("HmacSHA256", provider);
            hmac.init(secret);
            return java.security.MessageDigest.isEqual(hmac.doFinal(data), mac);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot compute a MAC with key " + alias + " on token " + role, e);
        }
    }

    @Override
    public TokenStatus status() {
        try {
            // C_GenerateRandom: a round trip to the token that needs the logged-in session to be alive.
            SecureRandom.getInstance("PKCS11", provider).nextBytes(new byte[8]);
            return new TokenStatus(role, label, slot, true, keyStore.size(), "");
        } catch (GeneralSecurityException | RuntimeException e) {
            return TokenStatus.offline(role, label, slot, e.toString());
        }
    }

    private Optional<PublicKey> loadPublicKey(String alias) {
        PublicKey cached = publicKeys.get(alias);
        if (cached != null) {
            return Optional.of(cached);
        }
        try {
            Certificate certificate = keyStore.getCertificate(alias);
            if (certificate == null && reloadedToFind(alias)) {
                certificate = keyStore.getCertificate(alias);
            }
            if (certificate == null) {
                return Optional.empty();
            }
            publicKeys.put(alias, certificate.getPublicKey());
            return Optional.of(certificate.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read key " + alias + " on token " + role, e);
        }
    }

    /** Returns null when there is no such key, as {@code computeIfAbsent} expects. */
    private PrivateKey loadPrivateKey(String alias) {
        try {
            Key key = keyStore.getKey(alias, null);
            if (key == null && reloadedToFind(alias)) {
                key = keyStore.getKey(alias, null);
            }
            return key instanceof PrivateKey privateKey ? privateKey : null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read key " + alias + " on token " + role, e);
        }
    }

    /**
     * Reloads the token's object list when an alias is not known here: the PKCS#11 KeyStore lists objects once,
     * at login, so a key another node (or process) created on the same token since then is only seen after a
     * reload. Returns whether the alias is there now.
     */
    private boolean reloadedToFind(String alias) throws GeneralSecurityException {
        synchronized (keyStore) {
            if (keyStore.containsAlias(alias)) {
                return true;
            }
            reloadObjectList();
            return keyStore.containsAlias(alias);
        }
    }

    /**
     * Lists the token's objects again (C_FindObjects). Also called before every write: SoftHSM2's file store,
     * shared by several processes, rereads its object directory only when the token's generation counter
     * differs from the value this process last saw, and a write by this process sets that value to the new
     * counter, so a write without a fresh look first would hide, until another process writes again, every
     * object the other processes made since. A network HSM has no such cache; there this costs one search.
     */
    private void reloadObjectList() throws GeneralSecurityException {
        char[] pin = settings.readPin();
        try {
            keyStore.load(null, pin);
        } catch (java.io.IOException e) {
            throw new java.security.KeyStoreException("cannot reload token " + label, e);
        } finally {
            java.util.Arrays.fill(pin, '\0');
        }
    }

    private ProblemException noSuchKey(String alias) {
        return new ProblemException(ProblemType.NOT_FOUND, "no key " + alias + " on token " + role);
    }

    private static void requireValidAlias(String alias) {
        if (alias == null || !ALIAS.matcher(alias).matches()) {
            throw new ProblemException(ProblemType.MALFORMED,
                    "key alias must be 1-100 characters of letters, digits and . _ : - : " + alias);
        }
    }
}
