package org.shakenpki.ca;

/**
 * An ACME POST as the web tier received it (RFC 8555 section 6.2).
 *
 * @param body          the request body, a flattened JWS JSON object
 * @param url           the absolute URL the request was sent to, for the {@code url} check of section 6.4
 * @param accountPrefix the absolute URL that account URLs ({@code kid}) start with, e.g. {@code https://host/acme/acct/}
 */
public record AcmeRequest(String body, String url, String accountPrefix) {
}
