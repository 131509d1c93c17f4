package org.shakenpki.it;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;
import org.shakenpki.sks.KeyService;

/** A business method that creates a key, then fails in the same transaction. */
@Stateless
public class RollbackProbe {

    @EJB
    KeyService keys;

    public void createKeyThenFail(String role, String alias) {
        keys.createKey(role, alias, "it-probe");
        throw new ProblemException(ProblemType.CONFLICT, "probe failure after the key was created");
    }
}
