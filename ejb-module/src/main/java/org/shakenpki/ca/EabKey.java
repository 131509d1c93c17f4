package org.shakenpki.ca;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/**
 * An External Account Binding key (RFC 8555 section 7.3.4): the key identifier and MAC key that the STI-CA gave a
 * {@link CaSubscriber} out of band. It binds exactly one ACME account; a second account presenting it is refused.
 *
 * <p>The HMAC key is not here: it is a non-extractable secret key on the {@code ca} HSM token ({@link EabMacKeys}),
 * returned only once, when it is made.
 */
@Entity
@Table(name = "ca_eab_key")
public class EabKey {
    @Id
    @Column(length = 40)
    String kid;

    @Column(name = "subscriber_id", nullable = false, length = 40)
    String subscriberId;

    @Column(name = "created_at", nullable = false)
    OffsetDateTime createdAt;

    @Column(name = "bound_account", length = 40)
    String boundAccount;

    @Column(name = "bound_at")
    OffsetDateTime boundAt;

    protected EabKey() {
    }

    EabKey(String kid, String subscriberId, OffsetDateTime createdAt) {
        this.kid = kid;
        this.subscriberId = subscriberId;
        this.createdAt = createdAt;
    }
}
