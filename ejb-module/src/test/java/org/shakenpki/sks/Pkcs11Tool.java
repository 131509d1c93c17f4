package org.shakenpki.sks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Asks OpenSC's {@code pkcs11-tool} what the token itself says about its objects: a view independent of Java. */
public final class Pkcs11Tool {

    /**
     * The start of a pkcs11-tool command line logged in to the token of {@code settings}, naming the token by its
     * slot: pkcs11-tool's {@code --token-label} matches a prefix, so {@code shaken-kms} could pick
     * {@code shaken-kms-delegate} (and log in with the wrong PIN) when that token's slot comes first.
     */
    public static java.util.List<String> loggedIn(TokenSettings settings) {
        long slot = Pkcs11Slots.slotOf(settings.library(), settings.label());
        return new java.util.ArrayList<>(java.util.List.of("pkcs11-tool", "--module", settings.library(),
                "--slot", Long.toString(slot), "--login", "--pin", new String(settings.readPin())));
    }

    private Pkcs11Tool() {
    }

    static String listPrivateKeys(TokenSettings settings) throws IOException, InterruptedException {
        return list(settings, "--type", "privkey");
    }

    static String listSecretKeys(TokenSettings settings) throws IOException, InterruptedException {
        return list(settings, "--type", "secrkey");
    }

    /**
     * Asks the library for the CKA_VALUE of the secret key stored under {@code alias} (SunPKCS11 names a secret
     * key by its CKA_LABEL), as a process holding the PIN
     * would: the exit code and the output ({@code pkcs11-tool --read-object}).
     */
    static Result readSecretKey(TokenSettings settings, String alias) throws IOException, InterruptedException {
        java.util.List<String> command = loggedIn(settings);
        command.addAll(java.util.List.of("--read-object", "--type", "secrkey", "--label", alias));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
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
        return list(settings).lines().filter(line -> line.contains(" Object; ")).count();
    }

    private static String list(TokenSettings settings, String... filter) throws IOException, InterruptedException {
        java.util.List<String> command = loggedIn(settings);
        command.add("--list-objects");
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
