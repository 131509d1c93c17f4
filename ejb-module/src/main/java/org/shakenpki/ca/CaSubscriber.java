package org.shakenpki.ca;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/**
 * A service provider the STI-CA has vetted: its legal name, the subject attributes the CA verified (ATIS-1000080
 * section 6.4.1 says the optional DN attributes C, ST, L, O, OU SHOULD be validated claims about the provider),
 * the SPCs it serves, a contact, and whether it is active. ACME accounts are bound to a subscriber through
 * External Account Binding (RFC 8555 section 7.3.4, {@link EabKey}).
 */
@Entity
@Table(name = "ca_subscriber")
public class CaSubscriber {
    /** The states of a subscriber: only an active one may bind new ACME accounts. */
    public enum State { ACTIVE, SUSPENDED }

    @Id
    @Column(length = 40)
    String id;

    @Column(name = "legal_name", nullable = false, length = 200)
    String legalName;

    @Column(name = "subject_o", nullable = false, length = 64)
    String subjectO;

    @Column(name = "subject_c", length = 2)
    String subjectC;

    @Column(name = "subject_st", length = 128)
    String subjectSt;

    @Column(name = "subject_l", length = 128)
    String subjectL;

    @Column(name = "subject_ou", length = 64)
    String subjectOu;

    /** The SPCs, comma-separated. */
    @Column(nullable = false, length = 1000)
    String spcs;

    @Column(nullable = false, length = 320)
    String contact;

    @Column(nullable = false, length = 20)
    String state;

    @Column(name = "created_at", nullable = false)
    OffsetDateTime createdAt;

    protected CaSubscriber() {
    }

    CaSubscriber(String id, String legalName, SubscriberInfo.Subject subject, List<String> spcs, String contact,
                 OffsetDateTime createdAt) {
        this.id = id;
        this.legalName = legalName;
        this.subjectO = subject.o();
        this.subjectC = subject.c();
        this.subjectSt = subject.st();
        this.subjectL = subject.l();
        this.subjectOu = subject.ou();
        this.spcs = String.join(",", spcs);
        this.contact = contact;
        this.state = State.ACTIVE.name();
        this.createdAt = createdAt;
    }

    boolean active() {
        return State.ACTIVE.name().equals(state);
    }

    void changeState(State to) {
        this.state = to.name();
    }

    SubscriberInfo info() {
        return new SubscriberInfo(id, legalName, new SubscriberInfo.Subject(subjectO, subjectC, subjectSt, subjectL, subjectOu),
                spcs.isEmpty() ? List.of() : Arrays.asList(spcs.split(",")), contact, State.valueOf(state), createdAt);
    }
}
