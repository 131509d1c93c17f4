package org.shakenpki.ca;

import org.shakenpki.pkix.ShakenProfile;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The certificate profiles the STI-CA offers through ACME profiles (draft-ietf-acme-profiles section 3: the
 * {@code meta.profiles} map of names to descriptions; section 4: the {@code profile} of newOrder and of the order).
 * Each profile fixes the kind of certificate (ATIS-1000080 section 6.4.1 end-entity, or RFC 9060 / ATIS-1000092
 * delegate CA) and its lifetime; the SHAKEN profile check ({@link ShakenProfile}) still applies to all of them.
 *
 * <p>This class is the one registry: a new profile is one more {@link #add} line here.
 */
public final class AcmeProfiles {
    /** The STI end-entity certificate, {@code shakenpki.ca.validity-days}; the default. */
    public static final String END_ENTITY = "end-entity";
    /** An STI end-entity certificate of {@code shakenpki.ca.short-lived-validity}. */
    public static final String SHORT_LIVED = "short-lived";
    /** A delegate CA certificate (cA with pathLen 0) for an SPC token with {@code ca: true}. */
    public static final String DELEGATE_CA = "delegate-ca";

    /**
     * A profile.
     *
     * @param name        what newOrder's {@code profile} names
     * @param description the human-readable description of {@code meta.profiles}
     * @param kind        the kind of certificate, which the SPC token's {@code ca} must allow (RFC 9448 section 6)
     * @param validity    the lifetime of its certificates, before the order's notAfter and the issuer's end cut it
     */
    public record Profile(String name, String description, ShakenProfile.Kind kind, Duration validity) {
    }

    private final Map<String, Profile> profiles = new LinkedHashMap<>();

    private AcmeProfiles() {
    }

    /** The profiles of these settings. */
    public static AcmeProfiles of(CaSettings settings) {
        AcmeProfiles registry = new AcmeProfiles();
        Duration validity = Duration.ofDays(settings.validityDays());
        registry.add(END_ENTITY, "STI end-entity certificate (ATIS-1000080 section 6.4.1), " + settings.validityDays()
                + " days; the default", ShakenProfile.Kind.END_ENTITY, validity);
        registry.add(SHORT_LIVED, "STI end-entity certificate valid " + human(settings.shortLivedValidity())
                + ", to be renewed through ARI (RFC 9773)", ShakenProfile.Kind.END_ENTITY, settings.shortLivedValidity());
        registry.add(DELEGATE_CA, "delegate CA certificate (RFC 9060, ATIS-1000092: cA, pathLen 0) for an SPC token with"
                + " ca:true, " + settings.validityDays() + " days", ShakenProfile.Kind.DELEGATE_CA, validity);
        return registry;
    }

    private void add(String name, String description, ShakenProfile.Kind kind, Duration validity) {
        profiles.put(name, new Profile(name, description, kind, validity));
    }

    /** Every profile, in the order the directory lists them. */
    public Collection<Profile> all() {
        return Collections.unmodifiableCollection(profiles.values());
    }

    /**
     * The profile a newOrder names.
     *
     * @throws ProblemException invalidProfile for a name this STI-CA does not advertise (draft section 4)
     */
    public Profile require(String name) {
        Profile profile = profiles.get(name);
        if (profile == null) {
            throw new ProblemException(ProblemType.INVALID_PROFILE, "no profile \"" + name + "\"; this STI-CA offers "
                    + String.join(", ", profiles.keySet()));
        }
        return profile;
    }

    /**
     * The profile of an order: the one it names or, for an order that named none, the default profile of the kind the
     * SPC token allowed (end-entity, or delegate CA for {@code ca: true}).
     */
    public Profile forOrder(String name, boolean tokenCa) {
        if (name != null) {
            return require(name);
        }
        return profiles.get(tokenCa ? DELEGATE_CA : END_ENTITY);
    }

    private static String human(Duration duration) {
        return duration.toHours() % 24 == 0 ? duration.toDays() + " days" : duration.toHours() + " hours";
    }
}
