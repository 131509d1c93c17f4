package org.shakenpki.pkix;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.util.Base64URL;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ES256 verification through BouncyCastle accepts what SunEC signed and refuses what it must. */
class SignatureVerificationTest {

    @Test
    void verifiesWithThePreparedKeyAndRefusesTamperedAndZeroSignatures() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        JWSObject signed = new JWSObject(new JWSHeader(JWSAlgorithm.ES256), new Payload("{\"attest\":\"A\"}"));
        signed.sign(new ECDSASigner(pair.getPrivate(), Curve.P_256));
        ECPublicKey prepared = SignatureVerification.prepared(pair.getPublic());
        assertArrayEquals(pair.getPublic().getEncoded(), prepared.getEncoded());

        assertTrue(JWSObject.parse(signed.serialize()).verify(SignatureVerification.ecdsa(prepared)));
        assertTrue(JWSObject.parse(signed.serialize()).verify(SignatureVerification.ecdsa((ECPublicKey) pair.getPublic())));

        String[] parts = signed.serialize().split("\\.");
        String otherPayload = Base64URL.encode("{\"attest\":\"C\"}").toString();
        assertFalse(JWSObject.parse(parts[0] + "." + otherPayload + "." + parts[2]).verify(SignatureVerification.ecdsa(prepared)));
        // r = s = 0 (CVE-2022-21449) must never verify
        String zero = Base64URL.encode(new byte[64]).toString();
        assertFalse(JWSObject.parse(parts[0] + "." + parts[1] + "." + zero).verify(SignatureVerification.ecdsa(prepared)));
    }
}
