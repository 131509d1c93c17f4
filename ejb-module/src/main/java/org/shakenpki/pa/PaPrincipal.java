package org.shakenpki.pa;

/**
 * Who is calling the STI-PA API, as established by {@link Authentication}.
 *
 * @param userId    the user
 * @param role      what the user may do
 * @param accountId the SP account of an SP API user, otherwise null
 */
public record PaPrincipal(String userId, UserRole role, String accountId) {

    public boolean isAdmin() {
        return role == UserRole.ADMIN;
    }
}
