package org.shakenpki.sks;

/**
 * What a token reports about itself, for health checks and operators.
 *
 * @param role     the role the token serves
 * @param label    the PKCS#11 token label
 * @param slot     the slot id the label resolved to, or -1 when unknown
 * @param online   whether the token answered a request just now
 * @param keyCount how many key pairs it holds (-1 when offline)
 * @param detail   why it is offline, or an empty string
 */
public record TokenStatus(String role, String label, long slot, boolean online, int keyCount, String detail) {

    public static TokenStatus offline(String role, String label, long slot, String detail) {
        return new TokenStatus(role, label, slot, false, -1, detail);
    }
}
