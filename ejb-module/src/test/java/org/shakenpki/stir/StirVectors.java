package org.shakenpki.stir;

import org.shakenpki.stipa.IndirectCrl;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import org.shakenpki.pkix.Pem;
import org.shakenpki.pkix.Vectors;

import java.io.IOException;
import java.net.URI;
import java.security.PrivateKey;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The synthetic STI-VS vectors: the PASSporT and Identity header, its chain, the STI-PA trust list and indirect
 * CRL, as a {@link CredentialSource} and a {@link StiPaSource} that verify them as the network sources would.
 */
final class StirVectors {
    static final String X5U = "https://cr.example.test/sti/leaf-1234-chain.pem";
    static final String REVOKED_X5U = "https://cr.example.test/sti/leaf-revoked-chain.pem";
    static final long IAT = 1735693200L;

    private StirVectors() {
    }

    static String identity() {
        return Vectors.text("identity-header.txt").strip();
    }

    static Set<TrustAnchor> stiPaAnchors() {
        return Set.of(new TrustAnchor(Vectors.certificate("stipa-root.pem"), null));
    }

    static byte[] crlDer() {
        String pem = Vectors.text("stipa-indirect.crl.pem").replaceAll("-----[A-Z0-9 ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(pem);
    }

    static List<X509Certificate> crlSignerChain() {
        return List.of(Vectors.certificate("stipa-crl-signer.pem"), Vectors.certificate("stipa-root.pem"));
    }

    static CredentialSource credentials() {
        return uri -> {
            if (uri.toString().equals(X5U)) {
                return Pem.certificates(Vectors.text("leaf-1234-chain.pem"));
            }
            if (uri.toString().equals(REVOKED_X5U)) {
                return List.of(Vectors.certificate("leaf-revoked.pem"), Vectors.certificate("ca-intermediate.pem"));
            }
            throw new IOException("connection refused");
        };
    }

    static StiPaSource stiPa(Instant now) {
        return new StiPaSource() {
            @Override
            public TrustList trustList() {
                return TrustList.verify(Vectors.text("trust-list.jwt").strip(),
                        uri -> List.of(Vectors.certificate("stipa-signer.pem"), Vectors.certificate("stipa-root.pem")),
                        stiPaAnchors(), now);
            }

            @Override
            public IndirectCrl crl() {
                return IndirectCrl.verify(crlDer(), crlSignerChain(), stiPaAnchors(), now);
            }
        };
    }

    /** The standard SHAKEN claims with a given iat, orig and x5u, signed ES256 by {@code key}. */
    static String identity(PrivateKey key, String x5u, long iat, String orig, String dest) throws Exception {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("attest", "B");
        claims.put("dest", Map.of("tn", List.of(dest)));
        claims.put("iat", iat);
        claims.put("orig", Map.of("tn", orig));
        claims.put("origid", "3a47c3b1-0c1f-4b4e-9d55-5a8b1f3e2c10");
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("passport"))
                .customParam("ppt", "shaken").x509CertURL(URI.create(x5u)).build(), new Payload(claims));
        jws.sign(new ECDSASigner((java.security.interfaces.ECPrivateKey) key));
        return jws.serialize() + ";info=<" + x5u + ">;alg=ES256;ppt=shaken";
    }
}
