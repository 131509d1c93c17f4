package org.shakenpki.pa;

/**
 * The tokens of a login or refresh (the iconectiv STI-PA login response: {@code accessToken},
 * {@code refreshToken}).
 *
 * @param accessToken      bearer token for the API, sent in {@code Authorization}
 * @param refreshToken     exchanges for a new pair once
 * @param expiresInSeconds lifetime of the access token
 */
public record LoginResult(String accessToken, String refreshToken, long expiresInSeconds) {
}
