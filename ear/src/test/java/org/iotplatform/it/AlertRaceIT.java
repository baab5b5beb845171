package org.iotplatform.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import org.iotplatform.alerts.AlertRuleDefinition;
import org.iotplatform.alerts.AlertRules;
import org.iotplatform.alerts.AlertView;
import org.iotplatform.alerts.Alerts;
import org.iotplatform.alerts.DeviceSelector;
import org.iotplatform.alerts.RuleView;
import org.iotplatform.registry.DeviceId;
import org.iotplatform.telemetry.IncomingTelemetry;
import org.iotplatform.telemetry.TelemetryIngest;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Inside Payara: many ingest transactions at once (as two platform instances, or writer lanes, would
 * run them) raise the same (device, rule) alerts; the database lets exactly one active alert per pair
 * exist, and every match is counted on it.
 */
@ExtendWith(ArquillianExtension.class)
class AlertRaceIT {

    private static final int DEVICES = 12;
    private static final int WRITERS = 8;

    @Deployment
    static EnterpriseArchive deployment() {
        EnterpriseArchive ear = Deployments.platformEar();
        ear.getAsType(WebArchive.class, "iot-web.war").addClass(AlertRaceIT.class);
        return ear;
    }

    @Inject
    TelemetryIngest ingest;

    @Inject
    AlertRules rules;

    @Inject
    Alerts alerts;

    @Resource
    ManagedThreadFactory threads;

    @Test
    void concurrentWritersRaisingTheSameAlertsMakeOneActiveAlertPerDeviceAndRule() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> devices = new ArrayList<>();
        for (int d = 0; d < DEVICES; d++) {
            devices.add("race-" + run + "-" + d);
        }
        RuleView rule = rules.create(
                AlertRuleDefinition.of(
                        "race-" + run,
                        DeviceSelector.allDevices(),
                        "temperature > 80 and device >= race-" + run + "- and device < race-" + run + "-z",
                        null,
                        null,
                        "critical",
                        true,
                        null),
                "alert-race-it");
        try {
            CyclicBarrier start = new CyclicBarrier(WRITERS);
            AtomicInteger retries = new AtomicInteger();
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                // each writer's batch holds one hot message per device, in its own order
                List<IncomingTelemetry> batch = new ArrayList<>();
                Instant now = Instant.now();
                for (String d : devices) {
                    batch.add(new IncomingTelemetry(
                            new DeviceId(d),
                            Optional.of("w" + w),
                            ("{\"temperature\":" + (90 + w) + "}").getBytes(StandardCharsets.UTF_8),
                            now,
                            "devices/" + d + "/messages/events/"));
                }
                Collections.shuffle(batch);
                Thread t = threads.newThread(() -> {
                    try {
                        start.await();
                        for (int attempt = 1; ; attempt++) {
                            try {
                                ingest.ingestAll(batch);
                                return;
                            } catch (RuntimeException e) {
                                // what the batcher does with a batch the database failed: try it again
                                if (attempt == 5) {
                                    throw e;
                                }
                                retries.incrementAndGet();
                            }
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                });
                writers.add(t);
                t.start();
            }
            for (Thread t : writers) {
                t.join(120_000);
            }
            assertTrue(failures.isEmpty(), "writers failed: " + failures);
            for (String d : devices) {
                List<AlertView> all = alerts.list(d, null, null, 100);
                assertEquals(1, all.size(), d + ": " + all);
                AlertView a = all.get(0);
                assertTrue(a.active(), d + ": " + a);
                assertEquals(WRITERS, a.count(), d + ": every writer's match counted once, " + retries + " retries");
                assertEquals(1, alerts.get(a.id()).history().size(), d + ": raised once " + alerts.get(a.id()));
            }
        } finally {
            rules.delete(rule.id(), "alert-race-it");
        }
        for (String d : devices) {
            assertEquals("cleared", alerts.list(d, null, null, 100).get(0).state());
        }
    }
}
