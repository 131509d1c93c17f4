package org.shakenpki.pa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A monotonic counter shared by all nodes: the trust-list {@code sequence} and the CRL number (RFC 5280
 * section 5.2.3). Read with a pessimistic lock and incremented in the same transaction as the change it counts.
 */
@Entity
@Table(name = "pa_counter")
public class PaCounter {
    static final String TRUST_LIST_SEQUENCE = "trust-list-sequence";
    static final String CRL_NUMBER = "crl-number";

    @Id
    private String name;

    @Column(nullable = false)
    private long counter;

    protected PaCounter() {
    }

    long next() {
        return ++counter;
    }

    long current() {
        return counter;
    }
}
