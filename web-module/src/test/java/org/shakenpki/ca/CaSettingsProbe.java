package org.shakenpki.ca;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import java.lang.reflect.Field;

/**
 * Test-only: switches two STI-CA settings of the running server, as a restart with them would, so that one IT
 * server covers both values: {@code POST /it-ca-settings?externalAccountRequired=true&csrSubjectMismatch=badCSR}
 * (either parameter alone). The settings bean has no setters; this writes the fields of its one instance.
 */
@Path("/it-ca-settings")
@RequestScoped
public class CaSettingsProbe {

    @Inject
    BeanManager beans;

    @POST
    public String change(@QueryParam("externalAccountRequired") String required, @QueryParam("csrSubjectMismatch") String mismatch)
            throws ReflectiveOperationException {
        CaSettings settings = instance();
        if (required != null) {
            set(settings, "externalAccountRequired", Boolean.parseBoolean(required));
        }
        if (mismatch != null) {
            set(settings, "csrSubjectMismatch", CsrSubject.Mismatch.NAMES.get(mismatch));
        }
        return "externalAccountRequired=" + settings.externalAccountRequired() + " csrSubjectMismatch=" + settings.csrSubjectMismatch();
    }

    @SuppressWarnings("unchecked")
    private CaSettings instance() {
        Bean<CaSettings> bean = (Bean<CaSettings>) beans.resolve(beans.getBeans(CaSettings.class));
        return beans.getContext(ApplicationScoped.class).get(bean, beans.createCreationalContext(bean));
    }

    private static void set(CaSettings settings, String name, Object value) throws ReflectiveOperationException {
        Field field = CaSettings.class.getDeclaredField(name);
        field.setAccessible(true);
        field.set(settings, value);
    }
}
