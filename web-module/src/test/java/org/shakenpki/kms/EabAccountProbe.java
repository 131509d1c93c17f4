package org.shakenpki.kms;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.Config;
import org.shakenpki.net.PemTrust;
import org.shredzone.acme4j.Session;

import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Optional;

/**
 * Test-only: the SP-KMS's newAccount ({@link AcmeOrdering#newAccount}) with given EAB credentials against this
 * server's STI-CA, outside a transaction so that the EAB key the test made is committed first.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class EabAccountProbe {

    @Inject
    Config config;

    @Inject
    KmsSettings settings;

    @PersistenceContext(unitName = "shakenpki")
    EntityManager em;

    /** Registers a fresh account key with the binding; returns the account URL. */
    public String newAccount(String kid, String hmacKey) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        Session session = AcmeOrdering.session(settings.defaultOptions(),
                PemTrust.sslContext(config.getOptionalValue("shakenpki.tls.trust-pem", String.class)));
        return AcmeOrdering.newAccount(session, generator.generateKeyPair(),
                kid == null ? Optional.empty() : Optional.of(new KmsSettings.AcmeEab(kid, hmacKey)));
    }

    /** The subscriber an ACME account is bound to, or null. */
    public String subscriberOf(String accountUrl) {
        Object value = em.createNativeQuery("select subscriber_id from acme_account where id = ?1")
                .setParameter(1, accountUrl.substring(accountUrl.lastIndexOf('/') + 1)).getSingleResult();
        return value == null ? null : value.toString();
    }
}
