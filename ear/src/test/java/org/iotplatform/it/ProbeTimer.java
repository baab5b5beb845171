package org.iotplatform.it;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;

/**
 * Deployed by ServerHardeningIT: an interval timer made as the platform makes its own (the injected
 * TimerService starts the server's EJB timer service, and so the H2 server of its database),
 * whichever test classes ran before.
 */
@Singleton
@Startup
public class ProbeTimer {

    @Resource
    TimerService timers;

    @PostConstruct
    void schedule() {
        timers.createIntervalTimer(60_000, 60_000, new TimerConfig("hardening-probe", false));
    }

    @Timeout
    void tick() {
        // nothing: being scheduled is the point
    }
}
