package org.shakenpki.pa;

import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.Test;
import org.shakenpki.pkix.TNAuthList;
import org.shakenpki.pkix.Vectors;

import java.math.BigInteger;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Who may revoke what: each role against its own, another's and forged certificates. */
class RevocationAuthorityTest {
    private final TestHierarchy caX = new TestHierarchy("STI-CA X");
    private final TestHierarchy caY = new TestHierarchy("STI-CA Y");
    private final List<org.shakenpki.pa.TrustAnchor> trustList = List.of(caX.anchor(), caY.anchor());

    private static RevocationAuthority.Caller sp(String... spcs) {
        return new RevocationAuthority.Caller(UserRole.SP_API, Set.of(spcs), null);
    }

    private RevocationAuthority.Caller stiCa(TestHierarchy ca) {
        return new RevocationAuthority.Caller(UserRole.STI_CA, Set.of(), ca.anchor().fingerprint());
    }

    private static final RevocationAuthority.Caller ADMIN = new RevocationAuthority.Caller(UserRole.ADMIN, Set.of(), null);
    private static final RevocationAuthority.Caller VERIFIER = new RevocationAuthority.Caller(UserRole.VERIFIER, Set.of(), null);

    private RevocationAuthority.Target authorise(RevocationAuthority.Caller caller, List<X509Certificate> chain)
            throws RevocationAuthority.Refusal {
        List<TrustAnchor> anchors = RevocationAuthority.anchorsFor(caller, trustList);
        return RevocationAuthority.authorise(caller, chain, anchors, TestHierarchy.ISSUED.plus(Duration.ofDays(1)));
    }

    @Test
    void aVerifierMayRevokeNothingEitherWay() {
        assertThrows(RevocationAuthority.Refusal.class, () -> RevocationAuthority.admit(VERIFIER, true));
        assertThrows(RevocationAuthority.Refusal.class, () -> RevocationAuthority.admit(VERIFIER, false));
    }

    @Test
    void onlyAnAdministratorRevokesByIssuerAndSerialAlone() {
        assertDoesNotThrow(() -> RevocationAuthority.admit(ADMIN, false));
        assertThrows(RevocationAuthority.Refusal.class, () -> RevocationAuthority.admit(sp("1234"), false));
        assertThrows(RevocationAuthority.Refusal.class, () -> RevocationAuthority.admit(stiCa(caX), false));
        assertDoesNotThrow(() -> RevocationAuthority.admit(stiCa(caX), true));
    }

    @Test
    void anUnboundStiCaUserMayRevokeNothing() {
        var unbound = new RevocationAuthority.Caller(UserRole.STI_CA, Set.of(), null);
        var refusal = assertThrows(RevocationAuthority.Refusal.class, () -> RevocationAuthority.admit(unbound, true));
        assertTrue(refusal.getMessage().contains("bound to no STI-CA"), refusal.getMessage());
    }

    @Test
    void aServiceProviderRevokesItsOwnValidatedCertificate() throws Exception {
        X509Certificate leaf = caX.leaf(TNAuthList.ofSpc("1234"));
        RevocationAuthority.Target target = authorise(sp("1234", "5678"), List.of(leaf, caX.intermediate));
        assertEquals(caX.intermediate.getSubjectX500Principal(), target.issuer());
        assertEquals(leaf.getSerialNumber(), target.serial());
    }

    @Test
    void aProvidersAdministratorInThePortalIsHeldToTheSameRulesAsItsApiUser() throws Exception {
        var portal = new RevocationAuthority.Caller(UserRole.SP_ADMIN, Set.of("1234"), null);
        assertThrows(RevocationAuthority.Refusal.class, () -> RevocationAuthority.admit(portal, false));
        X509Certificate own = caX.leaf(TNAuthList.ofSpc("1234"));
        assertEquals(own.getSerialNumber(), authorise(portal, List.of(own, caX.intermediate)).serial());
        X509Certificate victims = caX.leaf(TNAuthList.ofSpc("9999"));
        var refusal = assertThrows(RevocationAuthority.Refusal.class,
                () -> authorise(portal, List.of(victims, caX.intermediate)));
        assertTrue(refusal.getMessage().contains("do not all belong"), refusal.getMessage());
    }

    @Test
    void aServiceProviderMayNotRevokeAnotherAccountsGenuineCertificate() {
        X509Certificate victims = caX.leaf(TNAuthList.ofSpc("9999"));
        var refusal = assertThrows(RevocationAuthority.Refusal.class,
                () -> authorise(sp("1234"), List.of(victims, caX.intermediate)));
        assertTrue(refusal.getMessage().contains("do not all belong"), refusal.getMessage());
    }

    @Test
    void aSelfMadeCertificateNamingTheVictimsIssuerAndSerialAheadOfTheAttackersOwnChainIsRefused() {
        X509Certificate victims = caY.leaf(TNAuthList.ofSpc("9999"));
        X509Certificate own = caX.leaf(TNAuthList.ofSpc("1234"));
        X509Certificate forged = TestHierarchy.selfMade(victims.getIssuerX500Principal(), victims.getSerialNumber(),
                TNAuthList.ofSpc("1234"));
        var refusal = assertThrows(RevocationAuthority.Refusal.class,
                () -> authorise(sp("1234"), List.of(forged, own, caX.intermediate)));
        assertTrue(refusal.getMessage().contains("does not validate"), refusal.getMessage());
        // and the same forgery signed by nobody known, alone
        assertThrows(RevocationAuthority.Refusal.class, () -> authorise(sp("1234"), List.of(forged)));
    }

    @Test
    void aCertificateUnderAnIntermediateTheSenderMadeUpIsRefused() {
        // the victim's issuer DN on an intermediate signed by nobody on the trust list
        var rogue = new TestHierarchy("STI-CA Y");
        X509Certificate leaf = rogue.leaf(TNAuthList.ofSpc("1234"));
        assertThrows(RevocationAuthority.Refusal.class,
                () -> authorise(sp("1234"), List.of(leaf, rogue.intermediate)));
    }

    @Test
    void aServiceProviderMayNotRevokeACertificateForNumbersRatherThanSpcs() {
        X509Certificate numbers = caX.leaf(TNAuthList.of(List.of(new TNAuthList.Spc("1234"), new TNAuthList.One("12155550100"))));
        var refusal = assertThrows(RevocationAuthority.Refusal.class,
                () -> authorise(sp("1234"), List.of(numbers, caX.intermediate)));
        assertTrue(refusal.getMessage().contains("telephone numbers"), refusal.getMessage());
    }

    /**
     * RFC 9060: an account that holds a delegate CA may revoke the number certificates issued under it, and no
     * other account may. Before, every certificate for numbers was refused ("telephone numbers").
     */
    @Test
    void aServiceProviderRevokesTheNumberCertificatesOfItsDelegateCa() throws Exception {
        java.security.KeyPair delegateKey = org.shakenpki.pkix.Vectors.p256();
        X500Name intermediateName = X500Name.getInstance(caX.intermediate.getSubjectX500Principal().getEncoded());
        X500Name delegateName = new X500Name("CN=SHAKEN 1234 delegate,O=SP,C=US");
        X509Certificate delegate = TestHierarchy.certificate(intermediateName, caX.intermediateKey.getPrivate(), delegateName,
                delegateKey.getPublic(), true, TNAuthList.ofSpc("1234"), java.math.BigInteger.valueOf(System.nanoTime()));
        X509Certificate numbers = TestHierarchy.certificate(delegateName, delegateKey.getPrivate(),
                new X500Name("CN=SHAKEN delegate 12025550100,O=Enterprise,C=US"), org.shakenpki.pkix.Vectors.p256().getPublic(),
                false, TNAuthList.of(List.of(new TNAuthList.Range("12025550100", java.math.BigInteger.valueOf(100)))),
                java.math.BigInteger.valueOf(System.nanoTime()));
        List<X509Certificate> chain = List.of(numbers, delegate, caX.intermediate);
        assertEquals(numbers.getSerialNumber(), authorise(sp("1234"), chain).serial());
        var refusal = assertThrows(RevocationAuthority.Refusal.class, () -> authorise(sp("9999"), chain));
        assertTrue(refusal.getMessage().contains("is not this account's SPCs"), refusal.getMessage());
        var direct = assertThrows(RevocationAuthority.Refusal.class, () -> authorise(sp("1234"),
                List.of(caX.leaf(TNAuthList.of(List.of(new TNAuthList.One("12025550100")))), caX.intermediate)));
        assertTrue(direct.getMessage().contains("no delegate CA of this account"), direct.getMessage());
    }

    @Test
    void anStiCaRevokesOnlyUnderItsBoundRoot() throws Exception {
        X509Certificate ofY = caY.leaf(TNAuthList.ofSpc("9999"));
        var refusal = assertThrows(RevocationAuthority.Refusal.class,
                () -> authorise(stiCa(caX), List.of(ofY, caY.intermediate)));
        assertTrue(refusal.getMessage().contains("this user's STI-CA root"), refusal.getMessage());

        X509Certificate ofX = caX.leaf(TNAuthList.ofSpc("9999"));
        assertEquals(ofX.getSerialNumber(), authorise(stiCa(caX), List.of(ofX, caX.intermediate)).serial());
    }

    @Test
    void anStiCaBoundToARootOffTheTrustListMayRevokeNothing() {
        var gone = new TestHierarchy("STI-CA Gone");
        var caller = stiCa(gone);
        var refusal = assertThrows(RevocationAuthority.Refusal.class, () -> RevocationAuthority.anchorsFor(caller, trustList));
        assertTrue(refusal.getMessage().contains("not on the trust list"), refusal.getMessage());
    }

    @Test
    void aCertificateSentWithoutItsIntermediateIsRefused() {
        X509Certificate leaf = caX.leaf(TNAuthList.ofSpc("1234"));
        assertThrows(RevocationAuthority.Refusal.class, () -> authorise(stiCa(caX), List.of(leaf)));
    }

    @Test
    void anExpiredCertificateIsStillRevocable() throws Exception {
        // the synthetic vector expired on 2026-01-01; its key may be compromised all the same
        X509Certificate root = Vectors.certificate("ca-root.pem");
        List<X509Certificate> chain = org.shakenpki.pkix.Pem.certificates(Vectors.text("leaf-1234-chain.pem"));
        var target = RevocationAuthority.authorise(sp("1234"), chain, List.of(new TrustAnchor(root, null)),
                Instant.parse("2030-01-01T00:00:00Z"));
        assertEquals(chain.get(0).getSerialNumber(), target.serial());
        assertEquals(new BigInteger("3D5390EE86CDB8370862344CD6BE0838", 16), target.serial());
    }
}
