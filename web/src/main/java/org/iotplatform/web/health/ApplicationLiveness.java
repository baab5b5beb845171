package org.iotplatform.web.health;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Alive while the application answers; reports heap use for operators watching trends. */
@Liveness
@ApplicationScoped
public class ApplicationLiveness implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return HealthCheckResponse.named("application")
                .up()
                .withData("heapUsedMiB", heap.getUsed() / (1024 * 1024))
                .withData("heapMaxMiB", heap.getMax() / (1024 * 1024))
                .build();
    }
}
