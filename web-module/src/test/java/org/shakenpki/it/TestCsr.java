package org.shakenpki.it;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.shakenpki.pkix.TNAuthList;

import java.security.KeyPair;

/** CSRs with a TNAuthList extension request (acme4j's CSRBuilder knows only DNS and IP identifiers). */
public final class TestCsr {
    private TestCsr() {
    }

    public static byte[] of(KeyPair key, TNAuthList tnAuthList, boolean ca) throws Exception {
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        extensions.addExtension(TNAuthList.OID, false, tnAuthList.der());
        if (ca) {
            extensions.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        }
        return new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=SHAKEN " + tnAuthList.spcs().get(0)), key.getPublic())
                .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()))
                .getEncoded();
    }
}
