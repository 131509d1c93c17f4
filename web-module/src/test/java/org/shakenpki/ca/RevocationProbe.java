package org.shakenpki.ca;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.OffsetDateTime;

/** Test-only: writes the rows a revocation report refers to, as issuance would, and queues the report. */
@Stateless
public class RevocationProbe {

    @PersistenceContext(unitName = "shakenpki")
    EntityManager em;

    public String queueReport(String reason) {
        OffsetDateTime now = OffsetDateTime.now();
        AcmeAccount account = new AcmeAccount(Ids.random(), Ids.random(), "{}", "", true, now);
        em.persist(account);
        em.flush();
        AcmeOrder order = new AcmeOrder(Ids.random(), account.id, "MAigBhYEMTIzNA", null, null, now.plusDays(1), now);
        em.persist(order);
        em.flush();
        IssuedCertificate certificate = new IssuedCertificate(Ids.random(), Ids.random(), order,
                "-----BEGIN CERTIFICATE-----\nprobe\n-----END CERTIFICATE-----\n", Ids.random(), now, now.plusDays(1));
        em.persist(certificate);
        em.flush();
        em.persist(new RevocationReport(Ids.random(), certificate, certificate.certificatePem, reason, now));
        return certificate.id;
    }
}
