package org.shakenpki.it;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;
import org.shakenpki.sks.KeyJournal;
import org.shakenpki.sks.KeyService;

/** Business methods for the key tests: one creates a key, then fails in the same transaction. */
@Stateless
public class RollbackProbe {

    @EJB
    KeyService keys;

    @EJB
    KeyJournal journal;

    public void createKeyThenFail(String role, String alias) {
        keys.createKey(role, alias, "it-probe");
        throw new ProblemException(ProblemType.CONFLICT, "probe failure after the key was created");
    }

    /** Commits a deletion's journal entry, and nothing else: the state a node killed right after commit leaves. */
    public void recordDestroyIntent(String role, String alias) {
        journal.intendDestroy(role, alias);
    }
}
