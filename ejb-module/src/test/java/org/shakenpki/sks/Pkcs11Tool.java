package org.shakenpki.sks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Asks OpenSC's {@code pkcs11-tool} what the token itself says about its objects: a view independent of Java. */
final class Pkcs11Tool {
    private Pkcs11Tool() {
    }

    static String listPrivateKeys(String tokenLabel, TokenSettings settings) throws IOException, InterruptedException {
        return list(tokenLabel, settings, "--type", "privkey");
    }

    /** How many objects of any class (keys, certificates, data) the token holds, as its logged-in user sees them. */
    static long countObjects(TokenSettings settings) throws IOException, InterruptedException {
        return list(settings.label(), settings).lines().filter(line -> line.contains(" Object; ")).count();
    }

    private static String list(String tokenLabel, TokenSettings settings, String... filter) throws IOException, InterruptedException {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("pkcs11-tool", "--module", settings.library(),
                "--token-label", tokenLabel, "--login", "--pin", new String(settings.readPin()), "--list-objects"));
        command.addAll(java.util.List.of(filter));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("pkcs11-tool failed: " + output);
        }
        return output;
    }

    /** The lines describing the object that SunPKCS11 stored under {@code alias} (its CKA_ID is the alias). */
    static String objectBlock(String listing, String alias) {
        String id = java.util.HexFormat.of().formatHex(alias.getBytes(StandardCharsets.UTF_8));
        int start = listing.indexOf("ID:         " + id);
        if (start < 0) {
            throw new AssertionError("no object with the id of " + alias + " in:\n" + listing);
        }
        int end = listing.indexOf("Object;", start);
        return listing.substring(start, end < 0 ? listing.length() : end);
    }
}
