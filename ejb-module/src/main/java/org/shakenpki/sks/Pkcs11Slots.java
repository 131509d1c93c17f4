package org.shakenpki.sks;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Resolves a PKCS#11 token label to its slot id.
 *
 * <p>SunPKCS11 on JDK 17 selects a token by {@code slot} or {@code slotListIndex} only, and SoftHSM2 gives
 * every new token a random slot id, so the label is the stable name. The JDK's own PKCS#11 wrapper
 * ({@code sun.security.pkcs11.wrapper}) lists slots and token labels ({@code C_GetSlotList},
 * {@code C_GetTokenInfo}, PKCS#11 v2.40 sections 5.5); it is reached by reflection and needs the JVM option
 * {@code --add-exports jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED}. The wrapper keeps one
 * initialised module per library path, the same instance SunPKCS11 then uses, so the library is initialised
 * once, with OS locking as SunPKCS11 itself does.
 */
final class Pkcs11Slots {
    static final String WRAPPER = "sun.security.pkcs11.wrapper.";
    private static final long CKF_OS_LOCKING_OK = 0x00000002L;
    static final String ADD_EXPORTS = "--add-exports jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED";

    private Pkcs11Slots() {
    }

    /**
     * The id of the slot whose token carries this label.
     *
     * @throws IllegalStateException if no token has it, or the wrapper cannot be reached
     */
    static long slotOf(String library, String label) {
        try {
            Class<?> pkcs11 = Class.forName(WRAPPER + "PKCS11");
            Object module = module(library);
            long[] slots = (long[]) pkcs11.getMethod("C_GetSlotList", boolean.class).invoke(module, true);
            Method tokenInfo = pkcs11.getMethod("C_GetTokenInfo", long.class);
            Field labelField = Class.forName(WRAPPER + "CK_TOKEN_INFO").getField("label");
            for (long slot : slots) {
                char[] padded = (char[]) labelField.get(tokenInfo.invoke(module, slot));
                if (new String(padded).strip().equals(label)) {
                    return slot;
                }
            }
            throw new IllegalStateException("no token labelled '" + label + "' in " + library);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot resolve token label '" + label + "': start the JVM with "
                    + ADD_EXPORTS + ", or configure the slot id", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("PKCS#11 error while resolving token label '" + label + "': "
                    + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this JVM has no SunPKCS11 wrapper; configure the slot id", e);
        }
    }

    /**
     * The JDK wrapper's instance of a PKCS#11 module ({@code sun.security.pkcs11.wrapper.PKCS11}), initialised on
     * first use and shared with every SunPKCS11 provider on the same library.
     *
     * @throws InvocationTargetException carrying the wrapper's error if the module cannot be loaded or initialised
     */
    static Object module(String library) throws ReflectiveOperationException {
        Class<?> pkcs11 = Class.forName(WRAPPER + "PKCS11");
        Class<?> initArgsClass = Class.forName(WRAPPER + "CK_C_INITIALIZE_ARGS");
        Object initArgs = initArgsClass.getConstructor().newInstance();
        initArgsClass.getField("flags").setLong(initArgs, CKF_OS_LOCKING_OK);
        Method getInstance = pkcs11.getMethod("getInstance", String.class, String.class, initArgsClass, boolean.class);
        return getInstance.invoke(null, library, "C_GetFunctionList", initArgs, false);
    }
}
