package org.shakenpki.config;

import org.eclipse.microprofile.config.Config;

import javax.security.auth.x500.X500Principal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads settings as text and turns each into its type, refusing a value that does not fit with an
 * {@link InvalidSetting} naming the setting, the value and what is allowed. MicroProfile Config's own converters
 * are not used because they fail late (on first injection) with a stack trace instead of one line, and read
 * any word that is not {@code true} as {@code false}.
 *
 * <p>A blank value counts as unset. {@code fallback} is the value used when a setting is unset (the same default
 * that META-INF/microprofile-config.properties documents).
 */
public final class SettingReader {
    private static final int SHOWN = 120;
    private static final String DURATION = "(ISO-8601, e.g. PT24H or P30D)";

    private final Function<String, Optional<String>> source;

    private SettingReader(Function<String, Optional<String>> source) {
        this.source = source;
    }

    /** The deployment's configuration. */
    public static SettingReader of(Config config) {
        return new SettingReader(key -> config.getOptionalValue(key, String.class));
    }

    /** Fixed values, for tests and tools. */
    public static SettingReader of(Map<String, String> values) {
        return new SettingReader(key -> Optional.ofNullable(values.get(key)));
    }

    /** The value, stripped; empty if unset or blank. */
    public Optional<String> optional(String key) {
        return source.apply(key).map(String::strip).filter(value -> !value.isEmpty());
    }

    public String text(String key, String fallback) {
        return optional(key).orElse(fallback);
    }

    /** A value without a default. */
    public String required(String key) {
        return optional(key).orElseThrow(() -> new InvalidSetting(key, "", "a value (it has no default)"));
    }

    /** {@code true} or {@code false}, in any case. */
    public boolean flag(String key, boolean fallback) {
        Optional<String> value = optional(key);
        if (value.isEmpty()) {
            return fallback;
        }
        return switch (value.get().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(key, value.get(), "true or false");
        };
    }

    /** A duration of zero or more. */
    public Duration duration(String key, String fallback) {
        return duration(key, fallback, false);
    }

    /** A duration greater than zero. */
    public Duration positiveDuration(String key, String fallback) {
        return duration(key, fallback, true);
    }

    private Duration duration(String key, String fallback, boolean positive) {
        String value = text(key, fallback);
        String allowed = (positive ? "a duration greater than zero " : "a duration of zero or more ") + DURATION;
        Duration duration;
        try {
            duration = Duration.parse(value.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw invalid(key, value, allowed);
        }
        if (duration.isNegative() || positive && duration.isZero()) {
            throw invalid(key, value, allowed);
        }
        return duration;
    }

    /** A whole number greater than zero. */
    public int positiveInt(String key, int fallback) {
        Optional<String> value = optional(key);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.get());
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw invalid(key, value.get(), "a whole number greater than zero");
    }

    /** An absolute http or https URL with a host and without user info; returned without a trailing slash. */
    public String url(String key, String fallback) {
        String value = fallback == null ? required(key) : text(key, fallback);
        return checkUrl(key, value);
    }

    public Optional<String> optionalUrl(String key) {
        return optional(key).map(value -> checkUrl(key, value));
    }

    private String checkUrl(String key, String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null && uri.getRawUserInfo() == null) {
                return value.replaceAll("/+$", "");
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw invalid(key, value, "an absolute http or https URL with a host (and no user info), e.g. https://pki.example.net");
    }

    /** One of the named values (matched without regard to case), e.g. an enum constant. */
    public <E> E choice(String key, String fallback, Map<String, E> allowed) {
        String value = text(key, fallback);
        for (Map.Entry<String, E> entry : allowed.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(value)) {
                return entry.getValue();
            }
        }
        throw invalid(key, value, "one of " + String.join(", ", allowed.keySet()));
    }

    /** A comma-separated list of TCP ports (1 to 65535), at least one. */
    public Set<Integer> ports(String key, String fallback) {
        String value = text(key, fallback);
        Set<Integer> ports = new LinkedHashSet<>();
        for (String item : list(value)) {
            try {
                int port = Integer.parseInt(item);
                if (port >= 1 && port <= 65535) {
                    ports.add(port);
                    continue;
                }
            } catch (NumberFormatException e) {
                // refused below
            }
            throw invalid(key, value, "a comma-separated list of ports from 1 to 65535, e.g. 443,8443");
        }
        if (ports.isEmpty()) {
            throw invalid(key, value, "a comma-separated list of ports from 1 to 65535, e.g. 443,8443");
        }
        return Set.copyOf(ports);
    }

    /** An X.500 distinguished name in the RFC 4514 string form, e.g. {@code CN=STI-PA CRL,O=Example,C=US}. */
    public String distinguishedName(String key, String fallback) {
        String value = text(key, fallback);
        try {
            new X500Principal(value);
            return value;
        } catch (IllegalArgumentException e) {
            throw invalid(key, value, "a distinguished name (RFC 4514), e.g. CN=Example Root,O=Example,C=US");
        }
    }

    /** A file system path. */
    public Path path(String key, String fallback) {
        String value = fallback == null ? required(key) : text(key, fallback);
        return checkPath(key, value);
    }

    public Optional<Path> optionalPath(String key) {
        return optional(key).map(value -> checkPath(key, value));
    }

    private Path checkPath(String key, String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw invalid(key, value, "a file path");
        }
    }

    /** The items of a comma-separated value, stripped, blanks left out. */
    public List<String> list(String key, String fallback) {
        return list(text(key, fallback == null ? "" : fallback));
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(item -> !item.isEmpty()).toList();
    }

    /** A refusal for a value that parsed but breaks a rule between settings or of the role. */
    public static InvalidSetting invalid(String key, String value, String allowed) {
        String shown = value.length() > SHOWN ? value.substring(0, SHOWN) + "..." : value;
        // one line: a value with a line break would split the log line
        return new InvalidSetting(key, shown.replaceAll("[\\r\\n\\t]", " "), allowed);
    }
}
