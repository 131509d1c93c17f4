package org.shakenpki.sks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The SoftHSM2 tokens made fresh for this test run by {@code hsm-config/create-tokens.sh} (see the
 * ejb-module pom); one JVM opens each token once, as libsofthsm2 reads its configuration only once. Public for the
 * tests of other packages that need a real token (the import of a key ceremony's hierarchy).
 */
public final class TestTokens {
    private static final Path DIR = Path.of(System.getProperty("test.hsm.dir", "target/test-hsm"));
    private static final Properties PROPERTIES = load();
    private static final java.util.Map<String, Pkcs11Token> OPEN = new java.util.concurrent.ConcurrentHashMap<>();

    private TestTokens() {
    }

    public static TokenSettings settings(String role) {
        return TokenSettings.from(role, key -> Optional.ofNullable(PROPERTIES.getProperty(key)));
    }

    public static Pkcs11Token token(String role) {
        return OPEN.computeIfAbsent(role, r -> Pkcs11Token.open(settings(r)));
    }

    static String property(String key) {
        return PROPERTIES.getProperty(key);
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(DIR.resolve("hsm.properties"))) {
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("test tokens missing: run the build through Maven (create-tokens.sh)", e);
        }
        return properties;
    }
}
