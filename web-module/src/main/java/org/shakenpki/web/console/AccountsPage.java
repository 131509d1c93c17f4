package org.shakenpki.web.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.shakenpki.pa.AccountAdministration;
import org.shakenpki.pa.Views;

import java.util.Arrays;
import java.util.List;

/**
 * STI-PA administrator: service-provider accounts and their SPCs (STI-PA test plan TC-012 to TC-014) through
 * {@link AccountAdministration}: create with SPCs, deactivate and reinstate, allow delegate certificates, add an
 * SPC, deactivate and reinstate an SPC.
 */
@Named
@RequestScoped
public class AccountsPage {

    @Inject
    AccountAdministration administration;

    @Inject
    Caller caller;

    private List<Views.Account> accounts;
    private String accountId;
    private String name;
    private boolean caAllowed;
    private String spcs;
    private String spcAccount;
    private String spc;

    /** Loads the page (a GET): a refusal by the EJB becomes the error page with its status. */
    public void load() {
        getAccounts();
    }

    public List<Views.Account> getAccounts() {
        if (accounts == null) {
            accounts = administration.accounts(caller.principal());
        }
        return accounts;
    }

    public void create() {
        List<String> codes = spcs == null ? List.of()
                : Arrays.stream(spcs.split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
        if (Messages.attempt(() -> "Account " + administration.createAccount(caller.principal(), accountId, name,
                caAllowed, codes).accountId() + " created")) {
            accountId = null;
            name = null;
            spcs = null;
            caAllowed = false;
        }
        accounts = null;
    }

    public void setActive(String id, boolean active) {
        Messages.attempt(() -> {
            administration.updateAccount(caller.principal(), id, active, null);
            return "Account " + id + (active ? " reinstated" : " deactivated");
        });
        accounts = null;
    }

    public void setDelegates(String id, boolean allowed) {
        Messages.attempt(() -> {
            administration.updateAccount(caller.principal(), id, null, allowed);
            return "Account " + id + (allowed ? " may now" : " may no longer") + " obtain delegate certificates";
        });
        accounts = null;
    }

    public void addSpc() {
        if (Messages.attempt(() -> "SPC " + administration.addSpc(caller.principal(), spcAccount, spc).spc()
                + " added to account " + spcAccount)) {
            spc = null;
        }
        accounts = null;
    }

    public void setSpcActive(String id, String code, boolean active) {
        Messages.attempt(() -> {
            administration.setSpcActive(caller.principal(), id, code, active);
            return "SPC " + code + (active ? " reinstated" : " deactivated");
        });
        accounts = null;
    }

    public String getAccountId() {
        return accountId;
    }

    public void setAccountId(String accountId) {
        this.accountId = accountId;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public boolean isCaAllowed() {
        return caAllowed;
    }

    public void setCaAllowed(boolean caAllowed) {
        this.caAllowed = caAllowed;
    }

    public String getSpcs() {
        return spcs;
    }

    public void setSpcs(String spcs) {
        this.spcs = spcs;
    }

    public String getSpcAccount() {
        return spcAccount;
    }

    public void setSpcAccount(String spcAccount) {
        this.spcAccount = spcAccount;
    }

    public String getSpc() {
        return spc;
    }

    public void setSpc(String spc) {
        this.spc = spc;
    }
}
