package org.shakenpki.ca;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The non-secret view of a {@link CaSubscriber}, for the admin API.
 *
 * @param id        the subscriber's id, chosen by the administrator
 * @param legalName the provider's legal name
 * @param subject   the subject attributes the STI-CA verified
 * @param spcs      the SPCs the provider serves
 * @param contact   how to reach the provider (a mailto: or https: URL, or free text)
 * @param state     active or suspended
 * @param createdAt when the record was made
 */
public record SubscriberInfo(String id, String legalName, Subject subject, List<String> spcs, String contact,
                             CaSubscriber.State state, OffsetDateTime createdAt) {

    /**
     * The verified distinguished-name attributes (ATIS-1000080 section 6.4.1): O always, the others when verified.
     *
     * @param o  organizationName
     * @param c  countryName, ISO 3166 two capitals, or null
     * @param st stateOrProvinceName, or null
     * @param l  localityName, or null
     * @param ou organizationalUnitName, or null
     */
    public record Subject(String o, String c, String st, String l, String ou) {
    }
}
