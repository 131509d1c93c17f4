package org.shakenpki.web.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.shakenpki.ca.CaSubscriber;
import org.shakenpki.ca.SubscriberInfo;
import org.shakenpki.ca.SubscriberManagement;
import org.shakenpki.config.Role;

import java.util.Arrays;
import java.util.List;

/**
 * STI-CA operator: the subscribers the CA has vetted (ATIS-1000080 section 6.4.1: the verified subject attributes
 * every certificate of theirs carries) and their External Account Binding keys (RFC 8555 section 7.3.4): record a
 * subscriber, suspend or reactivate it, issue an EAB key (its HMAC key is shown once). {@link SubscriberManagement}
 * checks the STI-CA admin token of the session and audits every change, as for the admin API.
 */
@Named
@RequestScoped
public class CaSubscribersPage {

    @Inject
    SubscriberManagement subscribers;

    @Inject
    RoleToken token;

    private List<SubscriberInfo> list;
    private String id;
    private String legalName;
    private String o;
    private String c;
    private String st;
    private String l;
    private String ou;
    private String spcs;
    private String contact;

    public void load() {
        getSubscribers();
    }

    public List<SubscriberInfo> getSubscribers() {
        if (list == null) {
            list = subscribers.list(token.of(Role.CA));
        }
        return list;
    }

    public void create() {
        if (Messages.attempt(() -> {
            List<String> served = spcs == null ? List.of()
                    : Arrays.stream(spcs.split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
            SubscriberInfo created = subscribers.create(token.of(Role.CA), id, legalName,
                    new SubscriberInfo.Subject(o, blankToNull(c), blankToNull(st), blankToNull(l), blankToNull(ou)),
                    served, contact);
            return "subscriber " + created.id() + " (" + created.legalName() + ") recorded";
        })) {
            id = legalName = o = c = st = l = ou = spcs = contact = null;
        }
        list = null;
    }

    public void suspend(String subscriber) {
        Messages.attempt(() -> "subscriber " + subscribers.changeState(token.of(Role.CA), subscriber,
                CaSubscriber.State.SUSPENDED).id() + " suspended: its EAB keys bind no new ACME account");
        list = null;
    }

    public void activate(String subscriber) {
        Messages.attempt(() -> "subscriber " + subscribers.changeState(token.of(Role.CA), subscriber,
                CaSubscriber.State.ACTIVE).id() + " active again");
        list = null;
    }

    public void issueEab(String subscriber) {
        Messages.attempt(() -> {
            SubscriberManagement.EabCreated created = subscribers.createEab(token.of(Role.CA), subscriber);
            return "EAB key for " + created.subscriberId() + " (shown once; give both to the subscriber): kid "
                    + created.kid() + ", HMAC key " + created.hmacKey();
        });
    }

    /** The subscriber's EAB keys as one line each: kid, and the ACME account it bound or "unused". */
    public List<String> eabKeys(String subscriber) {
        return subscribers.eabKeys(token.of(Role.CA), subscriber).stream()
                .map(k -> k.kid() + ": " + (k.account() == null ? "unused" : "bound " + k.accountUrl())).toList();
    }

    /** The verified attributes as a certificate subject names them, the unverified ones left out. */
    public String subject(SubscriberInfo subscriber) {
        SubscriberInfo.Subject subject = subscriber.subject();
        java.util.StringJoiner text = new java.util.StringJoiner(", ");
        text.add("O=" + subject.o());
        for (String[] attribute : new String[][] {{"OU", subject.ou()}, {"L", subject.l()}, {"ST", subject.st()}, {"C", subject.c()}}) {
            if (attribute[1] != null) {
                text.add(attribute[0] + "=" + attribute[1]);
            }
        }
        return text.toString();
    }

    public boolean active(SubscriberInfo subscriber) {
        return subscriber.state() == CaSubscriber.State.ACTIVE;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getLegalName() { return legalName; }
    public void setLegalName(String legalName) { this.legalName = legalName; }
    public String getO() { return o; }
    public void setO(String o) { this.o = o; }
    public String getC() { return c; }
    public void setC(String c) { this.c = c; }
    public String getSt() { return st; }
    public void setSt(String st) { this.st = st; }
    public String getL() { return l; }
    public void setL(String l) { this.l = l; }
    public String getOu() { return ou; }
    public void setOu(String ou) { this.ou = ou; }
    public String getSpcs() { return spcs; }
    public void setSpcs(String spcs) { this.spcs = spcs; }
    public String getContact() { return contact; }
    public void setContact(String contact) { this.contact = contact; }
}
