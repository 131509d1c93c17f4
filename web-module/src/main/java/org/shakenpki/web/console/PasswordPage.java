package org.shakenpki.web.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.shakenpki.pa.Authentication;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;
import org.shakenpki.web.pa.ClientAddress;

/** Any console user: changes their own password, with the current one ({@link Authentication#changePassword}). */
@Named
@RequestScoped
public class PasswordPage {

    @Inject
    Authentication authentication;

    @Inject
    Caller caller;

    @Inject
    ClientAddress client;

    private String current;
    private String next;
    private String repeated;

    public void change() {
        Messages.attempt(() -> {
            if (next == null || !next.equals(repeated)) {
                throw new ProblemException(ProblemType.MALFORMED, "the new password and its repetition differ");
            }
            authentication.changePassword(caller.principal(), current == null ? "" : current, next, client.source());
            return "Your password was changed";
        });
        current = null;
        next = null;
        repeated = null;
    }

    public String getCurrent() {
        return current;
    }

    public void setCurrent(String current) {
        this.current = current;
    }

    public String getNext() {
        return next;
    }

    public void setNext(String next) {
        this.next = next;
    }

    public String getRepeated() {
        return repeated;
    }

    public void setRepeated(String repeated) {
        this.repeated = repeated;
    }
}
