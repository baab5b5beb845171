package org.iotplatform.telemetry.jpa;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Calendar;
import java.util.Optional;
import java.util.TimeZone;
import org.hibernate.Session;
import org.iotplatform.telemetry.IngestProbes;
import org.iotplatform.telemetry.TelemetryFlow;

/** Probe arrivals in table {@code ingest_probe}, on the persistence unit's connection (caller's transaction). */
@ApplicationScoped
public class JdbcIngestProbes implements IngestProbes {

    private static final Calendar UTC = Calendar.getInstance(TimeZone.getTimeZone("UTC"));

    @PersistenceContext(unitName = "iot")
    private EntityManager em;

    @Override
    public void arrived(String instance, long seq, Instant at) {
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement s =
                    c.prepareStatement("INSERT INTO ingest_probe (instance_id, seq, arrived_at) VALUES (?, ?, ?)"
                            + " ON DUPLICATE KEY UPDATE arrived_at = IF(VALUES(seq) > seq, VALUES(arrived_at), arrived_at),"
                            + " seq = GREATEST(seq, VALUES(seq))")) {
                s.setString(1, instance);
                s.setLong(2, seq);
                s.setTimestamp(3, Timestamp.from(at), UTC);
                s.executeUpdate();
            }
        });
    }

    @Override
    public Optional<TelemetryFlow.Arrival> newest(String instance) {
        return em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement s =
                    c.prepareStatement("SELECT seq, arrived_at FROM ingest_probe WHERE instance_id = ?")) {
                s.setString(1, instance);
                try (ResultSet r = s.executeQuery()) {
                    return r.next()
                            ? Optional.of(new TelemetryFlow.Arrival(
                                    r.getLong(1), r.getTimestamp(2, UTC).toInstant()))
                            : Optional.<TelemetryFlow.Arrival>empty();
                }
            }
        });
    }
}
