package org.iotplatform.infrastructure.time;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/** The one clock of the application (UTC); tests replace it with a fixed one. */
@ApplicationScoped
public class SystemClock {

    @Produces
    public Clock clock() {
        return Clock.systemUTC();
    }
}
