package org.shakenpki.pa;

/** What a STI-PA user may do. */
public enum UserRole {
    /** STI-PA administrator: accounts, users, trust list, any revocation. */
    ADMIN,
    /** A service provider's API user: SPC tokens for its account, revocation of its own certificates. */
    SP_API,
    /** An STI-CA's client: reports revocations of certificates it issued. */
    STI_CA,
    /** A verification service (STI-VS): reads the trust list, nothing else. */
    VERIFIER
}
