package org.shakenpki.it;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;

/**
 * The archive under test is the WAR the build just made, not a hand-kept list of classes; integration
 * tests add only their own probes to it. Named ROOT.war so that it is served at the root context, as in
 * production: the https URLs the server names to others (x5u, CRL) need no context path.
 */
public final class Deployments {
    private Deployments() {
    }

    public static WebArchive builtWar(Class<?>... testClasses) {
        File war = new File(System.getProperty("it.war", "target/shaken-pki.war"));
        return ShrinkWrap.create(ZipImporter.class, "ROOT.war").importFrom(war).as(WebArchive.class)
                .addClasses(testClasses);
    }
}
