package org.shakenpki.stir;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The CDI qualifier of a {@link SigningCredentialSource} adapter, named as {@code shakenpki.as.credentials} names
 * it ({@code local}, {@code remote}), so that the setting picks the adapter at run time.
 */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface CredentialSourceKind {
    /** {@code local} or {@code remote}. */
    String value();

    /** The qualifier as a value, for {@code Instance.select}. */
    final class Literal extends AnnotationLiteral<CredentialSourceKind> implements CredentialSourceKind {
        private final String value;

        public Literal(String value) {
            this.value = value;
        }

        @Override
        public String value() {
            return value;
        }
    }
}
