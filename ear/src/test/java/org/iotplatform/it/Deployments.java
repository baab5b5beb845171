package org.iotplatform.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

/** The EAR exactly as {@code mvn package} built it: tests deploy what users deploy. */
final class Deployments {

    private Deployments() {}

    static EnterpriseArchive platformEar() {
        File ear = new File(System.getProperty("iot.test.ear", "target/iot-platform.ear"));
        if (!ear.isFile()) {
            throw new IllegalStateException("EAR not built: " + ear.getAbsolutePath());
        }
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, ear);
    }
}
