package org.shakenpki.sks;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.math.BigInteger;
import java.security.interfaces.ECPublicKey;
import java.util.List;
import java.util.logging.Logger;

/**
 * Removes the token-object copy of a generated public key.
 *
 * <p>SunPKCS11 generates a key pair as session objects ({@code CKA_TOKEN=false}, PKCS#11 v2.40 section 4.4), and
 * {@code KeyStore.setKeyEntry} keeps only the private key and the certificate on the token; the public-key object
 * goes when its session does. A library that makes every object a token object whatever {@code CKA_TOKEN} says
 * (tpm2-pkcs11 1.9 does) keeps that public key for ever, nameless, and deleting the entry does not remove it. So
 * after storing a key the token is searched for a token public key with exactly the new key's {@code CKA_EC_POINT}
 * (PKCS#11 v2.40 section 2.3.3), which only that copy can have, and it is destroyed. On libraries that honour
 * {@code CKA_TOKEN=false} (SoftHSM2, HSMs) the search finds nothing.
 *
 * <p>SunPKCS11 has no API for this; the JDK's PKCS#11 wrapper is reached as in {@link Pkcs11Slots}, with the same
 * JVM option. Without it the copy stays and a warning says so: the copy holds only public data.
 */
final class GeneratedPublicKeys {
    private static final Logger LOG = Logger.getLogger(GeneratedPublicKeys.class.getName());
    private static final long CKF_RW_SESSION = 0x2L;
    private static final long CKF_SERIAL_SESSION = 0x4L;
    private static final long CKA_CLASS = 0x0L;
    private static final long CKA_TOKEN = 0x1L;
    private static final long CKA_EC_POINT = 0x181L;
    private static final long CKO_PUBLIC_KEY = 0x2L;

    private GeneratedPublicKeys() {
    }

    /**
     * Destroys the token public-key objects that hold {@code key}, in a session of its own on {@code slot}.
     *
     * @return how many it destroyed (0 on libraries that keep generated keys as session objects)
     */
    static int destroyTokenCopies(String library, long slot, ECPublicKey key, String keyId) {
        try {
            Object module = Pkcs11Slots.module(library);
            Class<?> pkcs11 = Class.forName(Pkcs11Slots.WRAPPER + "PKCS11");
            Class<?> attribute = Class.forName(Pkcs11Slots.WRAPPER + "CK_ATTRIBUTE");
            Class<?> notify = Class.forName(Pkcs11Slots.WRAPPER + "CK_NOTIFY");
            long session = (long) pkcs11.getMethod("C_OpenSession", long.class, long.class, Object.class, notify)
                    .invoke(module, slot, CKF_SERIAL_SESSION | CKF_RW_SESSION, null, null);
            try {
                int destroyed = 0;
                for (byte[] point : pointEncodings(key)) {
                    for (long object : find(pkcs11, module, session, template(attribute, point))) {
                        pkcs11.getMethod("C_DestroyObject", long.class, long.class).invoke(module, session, object);
                        destroyed++;
                    }
                }
                return destroyed;
            } finally {
                pkcs11.getMethod("C_CloseSession", long.class).invoke(module, session);
            }
        } catch (InvocationTargetException e) {
            LOG.warning(() -> "could not remove the token copy of the public key of " + keyId + ": " + e.getCause());
        } catch (ReflectiveOperationException e) {
            LOG.warning(() -> "could not remove the token copy of the public key of " + keyId + " (start the JVM with "
                    + Pkcs11Slots.ADD_EXPORTS + "): " + e);
        }
        return 0;
    }

    private static long[] find(Class<?> pkcs11, Object module, long session, Object template) throws ReflectiveOperationException {
        pkcs11.getMethod("C_FindObjectsInit", long.class, template.getClass()).invoke(module, session, template);
        try {
            return (long[]) pkcs11.getMethod("C_FindObjects", long.class, long.class).invoke(module, session, 16L);
        } finally {
            pkcs11.getMethod("C_FindObjectsFinal", long.class).invoke(module, session);
        }
    }

    private static Object template(Class<?> attribute, byte[] point) throws ReflectiveOperationException {
        Constructor<?> ofLong = attribute.getConstructor(long.class, long.class);
        Constructor<?> ofBoolean = attribute.getConstructor(long.class, boolean.class);
        Constructor<?> ofObject = attribute.getConstructor(long.class, Object.class);
        Object template = Array.newInstance(attribute, 3);
        Array.set(template, 0, ofLong.newInstance(CKA_CLASS, CKO_PUBLIC_KEY));
        Array.set(template, 1, ofBoolean.newInstance(CKA_TOKEN, true));
        Array.set(template, 2, ofObject.newInstance(CKA_EC_POINT, point));
        return template;
    }

    /**
     * The uncompressed point 04||X||Y (SEC 1 section 2.3.3) as PKCS#11 v2.40 prescribes it, DER OCTET STRING, and
     * bare, as some libraries store it.
     */
    static List<byte[]> pointEncodings(ECPublicKey key) {
        int size = (key.getParams().getCurve().getField().getFieldSize() + 7) / 8;
        byte[] point = new byte[1 + 2 * size];
        point[0] = 0x04;
        copyUnsigned(key.getW().getAffineX(), point, 1, size);
        copyUnsigned(key.getW().getAffineY(), point, 1 + size, size);
        byte[] der = new byte[2 + point.length];
        der[0] = 0x04;
        der[1] = (byte) point.length; // 65 for P-256: a short-form length
        System.arraycopy(point, 0, der, 2, point.length);
        return List.of(der, point);
    }

    private static void copyUnsigned(BigInteger value, byte[] into, int offset, int size) {
        byte[] bytes = value.toByteArray();
        int skip = bytes.length > size ? bytes.length - size : 0;
        System.arraycopy(bytes, skip, into, offset + size - (bytes.length - skip), bytes.length - skip);
    }
}
