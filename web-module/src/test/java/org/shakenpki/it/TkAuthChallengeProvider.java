package org.shakenpki.it;

import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.challenge.Challenge;
import org.shredzone.acme4j.provider.ChallengeProvider;
import org.shredzone.acme4j.provider.ChallengeType;
import org.shredzone.acme4j.toolbox.JSON;

/** Registers {@link TkAuthChallenge} with acme4j (META-INF/services). */
@ChallengeType(TkAuthChallenge.TYPE)
public class TkAuthChallengeProvider implements ChallengeProvider {
    @Override
    public Challenge create(Login login, JSON data) {
        return new TkAuthChallenge(login, data);
    }
}
