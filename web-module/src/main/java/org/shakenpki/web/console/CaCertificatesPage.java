package org.shakenpki.web.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.shakenpki.ca.CaConsole;
import org.shakenpki.config.Role;

import java.util.List;

/**
 * STI-CA operator: the issued certificates and the ACME orders, searched by SPC and serial number with a plain GET
 * form ({@code ?spc=&serial=}, nothing changes), and the revocations with the state of their report to the STI-PA
 * ({@link CaConsole}, which checks the STI-CA admin token of the session).
 */
@Named
@RequestScoped
public class CaCertificatesPage {

    @Inject
    CaConsole ca;

    @Inject
    RoleToken token;

    private String spc;
    private String serial;
    private List<CaConsole.Certificate> certificates;
    private List<CaConsole.Order> orders;
    private List<CaConsole.Revocation> revocations;

    public void load() {
        getCertificates();
        getOrders();
    }

    public List<CaConsole.Certificate> getCertificates() {
        if (certificates == null) {
            certificates = ca.certificates(token.of(Role.CA), spc, serial);
        }
        return certificates;
    }

    /** The orders for the SPC searched for (all when none); not filtered by serial, which orders do not have. */
    /** Loads the revocations page (a GET). */
    public void loadRevocations() {
        getRevocations();
    }

    public List<CaConsole.Order> getOrders() {
        if (orders == null) {
            orders = ca.orders(token.of(Role.CA), spc);
        }
        return orders;
    }

    public List<CaConsole.Revocation> getRevocations() {
        if (revocations == null) {
            revocations = ca.revocations(token.of(Role.CA));
        }
        return revocations;
    }

    public String getSpc() {
        return spc;
    }

    public void setSpc(String spc) {
        this.spc = spc;
    }

    public String getSerial() {
        return serial;
    }

    public void setSerial(String serial) {
        this.serial = serial;
    }
}
