package org.iotplatform.twin;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * A device's twin documents (JSON objects as text) with a version each; {@link #version()} grows with
 * every change and is checked on write (optimistic concurrency: the REST ETag).
 */
@Entity
@Table(name = "device_twin")
public class DeviceTwin {

    @Id
    @Column(name = "device_id", length = 128)
    private String deviceId;

    @Column(name = "desired", nullable = false)
    private String desired;

    @Column(name = "desired_version", nullable = false)
    private long desiredVersion;

    @Column(name = "reported", nullable = false)
    private String reported;

    @Column(name = "reported_version", nullable = false)
    private long reportedVersion;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected DeviceTwin() {
        // for JPA
    }

    DeviceTwin(String deviceId, Instant now) {
        this.deviceId = deviceId;
        this.desired = "{}";
        this.reported = "{}";
        this.desiredVersion = 1;
        this.reportedVersion = 1;
        this.updatedAt = now;
    }

    void desired(String document, Instant now) {
        this.desired = document;
        this.desiredVersion++;
        this.updatedAt = now;
    }

    void reported(String document, Instant now) {
        this.reported = document;
        this.reportedVersion++;
        this.updatedAt = now;
    }

    /** Tags changed through the twin: the twin's version moves too, so its ETag does. */
    void touched(Instant now) {
        this.updatedAt = now;
    }

    public String deviceId() {
        return deviceId;
    }

    public String desired() {
        return desired;
    }

    public long desiredVersion() {
        return desiredVersion;
    }

    public String reported() {
        return reported;
    }

    public long reportedVersion() {
        return reportedVersion;
    }

    public long version() {
        return version;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
