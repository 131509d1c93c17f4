package org.shakenpki.it;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;

/**
 * The archive under test is the WAR the build just made, not a hand-kept list of classes; integration
 * tests add only their own probes to it.
 */
public final class Deployments {
    private Deployments() {
    }

    public static WebArchive builtWar(Class<?>... testClasses) {
        File war = new File(System.getProperty("it.war", "target/shaken-pki.war"));
        return ShrinkWrap.create(ZipImporter.class, "shaken-pki.war").importFrom(war).as(WebArchive.class)
                .addClasses(testClasses);
    }
}
