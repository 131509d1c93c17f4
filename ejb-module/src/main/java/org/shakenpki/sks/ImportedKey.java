package org.shakenpki.sks;

import org.shakenpki.config.ImportedCertificates;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/**
 * A key made outside this application (a key ceremony) and found on a token by the alias SunPKCS11 gives it, with
 * the certificate the ceremony produced for it: the check that the two belong together, made at start-up before
 * the key signs anything.
 *
 * <p>SunPKCS11's PKCS#11 KeyStore lists a private key only when the token also holds a certificate object with the
 * same {@code CKA_ID} (PKCS#11 v2.40 section 4.6.3), and names it by that certificate's {@code CKA_LABEL}, or, for a
 * certificate without a label, by its {@code CKA_ID}: as text when every byte is a PrintableString character, else
 * {@code 0x} and lower-case hex ({@code sun.security.pkcs11.P11KeyStore}). {@link #alias} turns a configured
 * reference, a label or {@code id:<hex>}, into that alias.
 */
public final class ImportedKey {
    private ImportedKey() {
    }

    /** Why a configured key and certificate cannot be used; the message is one line for an InvalidSetting. */
    public static final class Mismatch extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public Mismatch(String message) {
            super(message);
        }
    }

    /**
     * The alias of the key {@code name} of an imported hierarchy ({@code <prefix>.<name>-key}) on {@code token},
     * checked against its configured certificate ({@link #check}).
     *
     * @throws IllegalArgumentException the one-line InvalidSetting of the key or certificate setting
     */
    public static String checkedAlias(ImportedCertificates config, String name, KeyStoreToken token) {
        String alias;
        try {
            alias = alias(config.keys().get(name));
        } catch (Mismatch e) {
            throw config.invalidKey(name, e.getMessage());
        }
        if (token.findKey(alias).isEmpty()) {
            throw config.invalidKey(name, "the label (or id:<hex>) of a private key on the " + token.role()
                    + " token that has a certificate object of the same CKA_ID; the token holds " + token.aliases());
        }
        try {
            check(token, alias, config.certificates().get(name));
        } catch (Mismatch e) {
            throw config.invalidCertificate(name, "the certificate of the key " + alias + " (" + e.getMessage() + ")");
        }
        return alias;
    }

    /** The KeyStore alias of a configured key reference: {@code id:<hex>} for a CKA_ID, anything else is a label. */
    public static String alias(String reference) {
        if (!reference.startsWith("id:")) {
            return reference;
        }
        byte[] id;
        try {
            id = HexFormat.of().parseHex(reference.substring(3).replace(":", ""));
        } catch (IllegalArgumentException e) {
            throw new Mismatch("id: must be followed by the CKA_ID in hex");
        }
        for (byte b : id) {
            if (!printable((char) (b & 0xff))) {
                return "0x" + HexFormat.of().formatHex(id);
            }
        }
        return new String(id, StandardCharsets.UTF_8);
    }

    /**
     * The signer of the key under {@code alias}, after checking that the key on the token is the key of
     * {@code certificate}: the token's copy of the public key is the certificate's, and a signature the token makes
     * over a random probe verifies with the certificate's key.
     *
     * @throws Mismatch naming what does not match
     */
    public static Signer check(KeyStoreToken token, String alias, X509Certificate certificate) {
        if (token.findKey(alias).isEmpty()) {
            throw new Mismatch("no private key with alias " + alias + " (and a certificate of the same CKA_ID) on token "
                    + token.role() + "; it holds " + token.aliases());
        }
        if (!token.publicKey(alias).equals(certificate.getPublicKey())) {
            throw new Mismatch("the certificate's public key is not the key " + alias + " on token " + token.role());
        }
        Signer signer = token.signer(alias);
        byte[] probe = new byte[32];
        new SecureRandom().nextBytes(probe);
        try {
            Signature verify = Signature.getInstance("SHA256withECDSA");
            verify.initVerify(certificate.getPublicKey());
            verify.update(probe);
            if (!verify.verify(signer.signDer(probe))) {
                throw new Mismatch("a probe signed with key " + alias + " does not verify with the certificate's key");
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            if (e instanceof Mismatch mismatch) {
                throw mismatch;
            }
            throw new Mismatch("a probe signed with key " + alias + " cannot be checked with the certificate's key: " + e.getMessage());
        }
        return signer;
    }

    /** X.680 PrintableString: letters, digits, space and {@code ' ( ) + , - . / : = ?}. */
    private static boolean printable(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || " '()+,-./:=?".indexOf(c) >= 0;
    }
}
