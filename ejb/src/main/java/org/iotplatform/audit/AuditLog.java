package org.iotplatform.audit;

import java.util.List;

/** Where audit entries are kept. */
public interface AuditLog {

    void append(AuditEntry entry);

    /** Several entries in one batch of inserts (same transaction as the caller's). */
    void appendAll(List<AuditEntry> entries);

    /** Newest first. */
    List<AuditEntry> recent(int limit);
}
