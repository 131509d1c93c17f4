package org.shakenpki.web.console;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import org.shakenpki.problem.ProblemException;

/**
 * Runs a page action and reports its outcome as a Faces message: what was done, or the EJB's refusal or input
 * error with its problem detail (the same text the API would send).
 */
final class Messages {
    private Messages() {
    }

    /** An action that may be refused. */
    interface Action {
        String run();
    }

    /** Runs the action; true when it succeeded (its returned text is shown), false when it was refused. */
    static boolean attempt(Action action) {
        try {
            info(action.run());
            return true;
        } catch (ProblemException e) {
            error(e);
            return false;
        }
    }

    static void info(String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text, null));
    }

    static void error(ProblemException e) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                e.type().title() + ": " + e.detail(), null));
    }
}
