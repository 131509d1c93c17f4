package org.shakenpki.pa;

import java.util.Map;

/**
 * The {@code atc} object a service provider asks the STI-PA to sign (RFC 9448 section 5.4): {@code tktype},
 * {@code tkvalue}, optional {@code ca}, {@code fingerprint}, in the order and with the values the client sent.
 *
 * @param atc the members as sent; values are whatever JSON types the client used, checked by {@link SpcTokenRules}
 */
public record SpcTokenRequest(Map<String, Object> atc) {
    public static final java.util.Set<String> MEMBERS = java.util.Set.of("tktype", "tkvalue", "ca", "fingerprint");
}
