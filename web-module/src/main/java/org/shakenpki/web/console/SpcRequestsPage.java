package org.shakenpki.web.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.shakenpki.pa.SpcRequests;
import org.shakenpki.pa.Views;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** STI-PA administrator: the providers' pending SPC requests ({@link SpcRequests}): approve, or reject with a note. */
@Named
@RequestScoped
public class SpcRequestsPage {

    @Inject
    SpcRequests requests;

    @Inject
    Caller caller;

    private List<Views.SpcAsk> pending;
    private final Map<Long, String> notes = new HashMap<>();

    /** Loads the page (a GET): a refusal by the EJB becomes the error page with its status. */
    public void load() {
        getPending();
    }

    public List<Views.SpcAsk> getPending() {
        if (pending == null) {
            pending = requests.pending(caller.principal());
        }
        return pending;
    }

    public void approve(long id) {
        Messages.attempt(() -> {
            Views.SpcAsk done = requests.approve(caller.principal(), id);
            return "SPC " + done.spc() + " approved for account " + done.accountId();
        });
        pending = null;
    }

    public void reject(long id) {
        Messages.attempt(() -> {
            Views.SpcAsk done = requests.reject(caller.principal(), id, notes.get(id));
            return "SPC request for " + done.spc() + " of account " + done.accountId() + " rejected";
        });
        pending = null;
    }

    /** The rejection note typed into each row, by request id. */
    public Map<Long, String> getNotes() {
        return notes;
    }
}
