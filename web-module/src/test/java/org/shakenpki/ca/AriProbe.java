package org.shakenpki.ca;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Test-only: what the STI-CA recorded of the order that produced a certificate (RFC 9773 replaces, the profile). */
@Stateless
public class AriProbe {

    /**
     * @param replaces             the order's replaces as the client sent it, or null
     * @param replacedSerialHex    the serial of the certificate it names, or null
     * @param profile              the profile the order was issued under
     */
    public record OrderOf(String replaces, String replacedSerialHex, String profile) {
    }

    @PersistenceContext(unitName = "shakenpki")
    EntityManager em;

    public OrderOf orderOf(String serialHex) {
        IssuedCertificate certificate = em.createQuery("select c from IssuedCertificate c where c.serialHex = :s",
                IssuedCertificate.class).setParameter("s", serialHex).getSingleResult();
        AcmeOrder order = em.find(AcmeOrder.class, certificate.orderId);
        IssuedCertificate replaced = order.replacesCertificateId == null ? null
                : em.find(IssuedCertificate.class, order.replacesCertificateId);
        return new OrderOf(order.replaces, replaced == null ? null : replaced.serialHex, order.profile);
    }
}
