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

    static String listSecretKeys(TokenSettings settings) throws IOException, InterruptedException {
        return list(settings.label(), settings, "--type", "secrkey");
    }

    /**
     * Asks the library for the CKA_VALUE of the secret key stored under {@code alias} (SunPKCS11 names a secret
     * key by its CKA_LABEL), as a process holding the PIN
     * would: the exit code and the output ({@code pkcs11-tool --read-object}).
     */
    static Result readSecretKey(TokenSettings settings, String alias) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("pkcs11-tool", "--module", settings.library(), "--token-label", settings.label(),
                "--login", "--pin", new String(settings.readPin()), "--read-object", "--type", "secrkey", "--label", alias)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroy();
            throw new IllegalStateException("pkcs11-tool did not finish");
        }
        return new Result(process.exitValue(), output);
    }

    /** What a pkcs11-tool run said. */
    record Result(int exitCode, String output) {
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

    /** The lines describing the secret key that SunPKCS11 stored under {@code alias} (its CKA_LABEL). */
    static String secretKeyBlock(String listing, String alias) {
        int start = listing.indexOf("label:      " + alias + "\n");
        if (start < 0) {
            throw new AssertionError("no secret key labelled " + alias + " in:\n" + listing);
        }
        int end = listing.indexOf("Object;", start);
        return listing.substring(start, end < 0 ? listing.length() : end);
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
