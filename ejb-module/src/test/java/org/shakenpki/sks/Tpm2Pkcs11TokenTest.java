package org.shakenpki.sks;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The key-store contract on a second, independent PKCS#11 implementation: tpm2-pkcs11 over the swtpm TPM 2.0
 * simulator, which {@code hsm-config/second-pkcs11.sh} installs and starts. The script exports the environment the
 * library needs ({@code TPM2_PKCS11_STORE}, {@code TPM2_PKCS11_TCTI}, the resource manager's D-Bus) and
 * {@code SKS_SECOND_PKCS11_DIR}, the directory holding the token's {@code hsm.properties} and PIN.
 *
 * <p><b>Required or skipped.</b> {@code ./shaken-pki test} runs the script and Maven with
 * {@code -Dsks.second-pkcs11=required}: there, a missing library or token fails every test of this class. Without
 * that property (a developer's plain {@code mvn test}) the class is skipped, by a JUnit assumption, when
 * {@code SKS_SECOND_PKCS11_DIR} is not set; to run it, {@code eval "$(hsm-config/second-pkcs11.sh DIR)"} first.
 */
class Tpm2Pkcs11TokenTest extends KeyStoreTokenContract {
    private TokenSettings settings;

    /** The simulator, behind its resource manager, makes about 150 signatures a second, one at a time. */
    @Override
    protected int signaturesPerThread() {
        return 100;
    }

    /**
     * Four threads: the simulator runs one command at a time, so more threads only wait, and on a loaded machine
     * eight sessions waiting on it have been seen to lose their session handle (CKR_SESSION_HANDLE_INVALID).
     */
    @Override
    protected int threads() {
        return 4;
    }

    @Override
    protected synchronized TokenSettings settings() {
        if (settings == null) {
            settings = load();
        }
        return settings;
    }

    private static TokenSettings load() {
        boolean required = "required".equals(System.getProperty("sks.second-pkcs11"));
        String dir = System.getenv("SKS_SECOND_PKCS11_DIR");
        Path properties = dir == null ? null : Path.of(dir, "hsm.properties");
        if (properties == null || !Files.isReadable(properties)) {
            String why = "the second PKCS#11 library is not set up (SKS_SECOND_PKCS11_DIR=" + dir
                    + "): run eval \"$(hsm-config/second-pkcs11.sh DIR)\" before Maven";
            if (required) {
                Assertions.fail(why + "; -Dsks.second-pkcs11=required makes it mandatory");
            }
            Assumptions.abort(why);
        }
        Properties values = new Properties();
        try (InputStream in = Files.newInputStream(properties)) {
            values.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + properties, e);
        }
        return TokenSettings.from("kms", key -> Optional.ofNullable(values.getProperty(key)));
    }
}
