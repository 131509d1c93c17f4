package org.shakenpki.pa;

import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * The port through which the STI-PA learns the root of an STI-CA deployed beside it (the embedded default, a
 * test lab), so that the STI-CA's revocation user can be bound to that root once an administrator approves it.
 * The STI-CA role provides it; where none runs in this deployment, the STI-PA binds no user by itself and an
 * administrator binds STI-CA users explicitly ({@code caFingerprint}).
 */
public interface LocalStiCaRoot {
    /** The local STI-CA's root, or empty where it has none (yet). */
    Optional<X509Certificate> root();
}
