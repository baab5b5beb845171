package org.iotplatform.infrastructure.time;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The one clock of the application (UTC); tests replace it with a fixed one. */
@ApplicationScoped
public class SystemClock {

    @Produces
    public Clock clock() {
        return Clock.systemUTC();
    }
}
