package org.shakenpki.sks;

/**
 * Run in a JVM of its own by {@link SoftHsm2TokenTest}: creates a key on the test token, as another node of a
 * cluster sharing the token would. Arguments: role, alias.
 */
public final class KeyInAnotherProcess {
    private KeyInAnotherProcess() {
    }

    public static void main(String[] args) {
        TestTokens.token(args[0]).createKey(args[1]);
    }
}
