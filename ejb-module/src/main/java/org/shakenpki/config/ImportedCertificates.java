package org.shakenpki.config;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keys and certificates of an existing hierarchy that a role is configured to use instead of generating its
 * own (a key ceremony's result): for each name (e.g. {@code root}, {@code intermediate}) a key reference
 * {@code <prefix><name>-key} (its label on the role's token, or {@code id:<hex>}) and a PEM file
 * {@code <prefix><name>-certificate}. Either every pair is set or none; the files are read and parsed here, so a
 * missing file or a file that is not one PEM certificate stops the start-up with an {@link InvalidSetting}. That
 * the keys match their certificates, the profile and the chain are checked when the role opens its token.
 *
 * @param prefix       the settings prefix, e.g. {@code shakenpki.ca.import.}
 * @param keys         the key reference of each name
 * @param files        the certificate file of each name, as configured
 * @param certificates the certificate of each name
 */
public record ImportedCertificates(String prefix, Map<String, String> keys, Map<String, String> files,
                                   Map<String, X509Certificate> certificates) {

    /** The import settings of these names, or empty when none is set. */
    public static Optional<ImportedCertificates> read(SettingReader settings, String prefix, List<String> names) {
        Map<String, String> keys = new LinkedHashMap<>();
        Map<String, String> files = new LinkedHashMap<>();
        Map<String, X509Certificate> certificates = new LinkedHashMap<>();
        boolean any = names.stream().anyMatch(name -> settings.optional(prefix + name + "-key").isPresent()
                || settings.optional(prefix + name + "-certificate").isPresent());
        if (!any) {
            return Optional.empty();
        }
        for (String name : names) {
            String key = settings.optional(prefix + name + "-key").filter(k -> !k.isBlank()).orElseThrow(() -> SettingReader.invalid(
                    prefix + name + "-key", "", "the label (or id:<hex>) of the " + name + " key on the token: an import sets every "
                            + String.join(", ", names) + " key and certificate"));
            String file = settings.optional(prefix + name + "-certificate").filter(f -> !f.isBlank()).orElseThrow(() -> SettingReader.invalid(
                    prefix + name + "-certificate", "", "the PEM file of the " + name + " certificate: an import sets every "
                            + String.join(", ", names) + " key and certificate"));
            keys.put(name, key);
            files.put(name, file);
            certificates.put(name, certificate(prefix + name + "-certificate", file));
        }
        return Optional.of(new ImportedCertificates(prefix, Map.copyOf(keys), Map.copyOf(files), Map.copyOf(certificates)));
    }

    private static X509Certificate certificate(String setting, String file) {
        Collection<? extends Certificate> read;
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            read = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw SettingReader.invalid(setting, file, "a readable PEM certificate file (" + e.getMessage() + ")");
        }
        if (read.size() != 1) {
            throw SettingReader.invalid(setting, file, "a PEM file holding one certificate, not " + read.size());
        }
        return (X509Certificate) read.iterator().next();
    }

    /** The name of the key setting of a name. */
    public String keySetting(String name) {
        return prefix + name + "-key";
    }

    /** The name of the certificate setting of a name. */
    public String certificateSetting(String name) {
        return prefix + name + "-certificate";
    }

    /** An {@link InvalidSetting} about the certificate of a name: {@code <prefix><name>-certificate=<file>}. */
    public InvalidSetting invalidCertificate(String name, String expected) {
        return SettingReader.invalid(certificateSetting(name), files.get(name), expected);
    }

    /** An {@link InvalidSetting} about the key of a name: {@code <prefix><name>-key=<reference>}. */
    public InvalidSetting invalidKey(String name, String expected) {
        return SettingReader.invalid(keySetting(name), keys.get(name), expected);
    }
}
