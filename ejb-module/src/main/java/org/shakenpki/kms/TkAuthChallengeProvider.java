package org.shakenpki.kms;

import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.challenge.Challenge;
import org.shredzone.acme4j.provider.ChallengeProvider;
import org.shredzone.acme4j.provider.ChallengeType;
import org.shredzone.acme4j.toolbox.JSON;

/**
 * Lets acme4j's generic provider create {@link TkAuthChallenge} for tkauth-01, for ACME clients that register
 * it through {@code META-INF/services/org.shredzone.acme4j.provider.ChallengeProvider}. The SP-KMS itself does
 * not need it: its own provider creates the challenge with the response key chosen per STI-CA.
 */
@ChallengeType(TkAuthChallenge.TYPE)
public class TkAuthChallengeProvider implements ChallengeProvider {

    @Override
    public Challenge create(Login login, JSON data) {
        return new TkAuthChallenge(login, data);
    }
}
