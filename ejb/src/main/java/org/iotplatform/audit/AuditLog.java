package org.iotplatform.audit;

import java.util.List;

/** Where audit entries are kept. */
public interface AuditLog {

    void append(AuditEntry entry);

    /** Newest first. */
    List<AuditEntry> recent(int limit);
}
