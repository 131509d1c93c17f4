package org.shakenpki.sks;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Run in a JVM of its own by {@link KeyStoreTokenContract}: logs in to a token with a wrong PIN, then with the right
 * one, and prints one line per attempt ({@code opened} or {@code refused: <message>}). A process of its own, because
 * PKCS#11 login state belongs to the application: once any session of this JVM is logged in to a token, SunPKCS11
 * accepts every later login to it without the library checking the PIN. Arguments: role, library, label, wrong
 * PIN file, right PIN file.
 */
public final class LoginInAnotherProcess {
    private LoginInAnotherProcess() {
    }

    public static void main(String[] args) {
        for (String pinFile : new String[] {args[3], args[4]}) {
            TokenSettings settings = new TokenSettings(args[0], args[1], args[2], OptionalLong.empty(),
                    Optional.of(Path.of(pinFile)), Optional.empty());
            try {
                Pkcs11Token.open(settings);
                System.out.println("opened");
            } catch (IllegalStateException e) {
                System.out.println("refused: " + e.getMessage());
            }
        }
    }
}
