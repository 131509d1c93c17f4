package org.shakenpki.stir;

import java.util.List;

/**
 * The STI-AS's port for its signing credentials: where the keys and certificates it signs with come from. The
 * STI-AS knows no SP-KMS; an adapter connects it to one ({@code shakenpki.as.credentials}, see
 * {@link AsSettings}): the SP-KMS of this deployment in process ({@code local}), or an SP-KMS of
 * any vendor that announces its certificates by signed webhook and keeps the keys on a PKCS#11 token the STI-AS
 * can use ({@code remote}, {@link RemoteSigningCredentials}).
 *
 * <p>An adapter announces a change of credential with the CDI event {@link SigningCredentialChanged}, after what
 * it changed is committed; {@link SigningCredentials} caches what it read and drops it on that event, so the
 * port is not read on the signing path.
 */
public interface SigningCredentialSource {

    /**
     * The credentials that may be signed with now, at most one per SPC (an SP-KMS's active or renewing
     * certificates).
     */
    List<SigningCredential> usable();
}
