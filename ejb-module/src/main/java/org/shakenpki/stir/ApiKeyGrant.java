package org.shakenpki.stir;

import java.util.Set;

/**
 * What an authenticated STI-AS API key allows: the principal of a signing request. Immutable, so that the
 * authentication cache can hand the same instance to concurrent requests.
 *
 * @param id        the key's id (what audit records and the administration API name it by)
 * @param name      the administrator's name for it
 * @param spcs      the SPCs whose credentials it may sign with
 * @param maxAttest the strongest attestation it may assert (RFC 8588 section 4)
 * @param revoked   whether an administrator has revoked it
 */
public record ApiKeyGrant(long id, String name, Set<String> spcs, Attestation maxAttest, boolean revoked) {
    public ApiKeyGrant {
        spcs = Set.copyOf(spcs);
    }

    /** How audit records name the key. */
    public String actor() {
        return "api-key:" + id + " (" + name + ")";
    }
}
