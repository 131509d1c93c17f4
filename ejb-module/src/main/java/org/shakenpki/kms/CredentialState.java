package org.shakenpki.kms;

/** Where a managed credential is in its life. */
public enum CredentialState {
    /** Created; the first certificate is being obtained. */
    PENDING,
    /** Has a valid certificate, the signing service uses it. */
    ACTIVE,
    /** Has a valid certificate and is getting its successor (a failed attempt keeps it here, with the error). */
    RENEWING,
    /** The first certificate could not be obtained; retried with backoff. */
    FAILED,
    /** Its certificate was revoked at the STI-CA; nothing more happens to it. */
    REVOKED
}
