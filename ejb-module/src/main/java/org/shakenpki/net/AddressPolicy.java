package org.shakenpki.net;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Which resolved addresses an outbound fetch may connect to: every globally reachable address, and of the
 * RFC 6890 special-purpose ones ({@link AddressClass}) only the classes allowed by
 * {@code shakenpki.fetch.allowed-special-addresses}. A URL that names another organisation's server (a
 * PASSporT's {@code x5u} is chosen by whoever signed the PASSporT) must not make this server reach into its own
 * network, its cloud metadata service (169.254.169.254) or its own loopback services.
 *
 * <p>A host is refused if <em>any</em> of its addresses is refused, not only the one a connection would use:
 * a name resolving to one public and one private address would otherwise reach the private one whenever the
 * client happened to pick it.
 */
public record AddressPolicy(Set<AddressClass> allowed) {

    public AddressPolicy {
        allowed = allowed.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(allowed));
    }

    /** No special-purpose address at all: what production uses. */
    public static AddressPolicy publicOnly() {
        return new AddressPolicy(Set.of());
    }

    /**
     * The policy a setting names: a comma-separated list of {@link AddressClass#settingName() class names},
     * {@code none} or empty for none.
     *
     * @throws IllegalArgumentException for an unknown class name
     */
    public static AddressPolicy parse(String setting) {
        EnumSet<AddressClass> classes = EnumSet.noneOf(AddressClass.class);
        for (String name : setting == null ? new String[0] : setting.split(",")) {
            if (!name.isBlank() && !name.strip().equalsIgnoreCase("none")) {
                classes.add(AddressClass.named(name));
            }
        }
        return new AddressPolicy(classes);
    }

    /** The class that makes this address refused, or empty if it may be used. */
    public Optional<AddressClass> refusal(InetAddress address) {
        return AddressClass.of(address).filter(c -> !allowed.contains(c));
    }

    /**
     * Passes if every address of a host may be used.
     *
     * @throws FetchFailure {@link FetchFailure.Reason#ADDRESS_REFUSED} naming the class, not the address
     */
    public void check(InetAddress[] addresses) throws FetchFailure {
        if (addresses.length == 0) {
            throw new FetchFailure(FetchFailure.Reason.UNKNOWN_HOST, "the host has no address");
        }
        Optional<AddressClass> refused = Arrays.stream(addresses).map(this::refusal).flatMap(Optional::stream).findFirst();
        if (refused.isPresent()) {
            throw new FetchFailure(FetchFailure.Reason.ADDRESS_REFUSED,
                    "the host resolves to a special-purpose address (" + refused.get().settingName() + ") that is not fetched from");
        }
    }
}
