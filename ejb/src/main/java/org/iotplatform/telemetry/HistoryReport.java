package org.iotplatform.telemetry;

import java.util.List;

/**
 * What an import did: messages stored now, messages stored before (a re-import stores nothing twice),
 * and the refused lines with why, the first {@link HistoryImport#REPORTED_REJECTIONS} of them listed.
 */
public record HistoryReport(int accepted, int duplicates, int rejectedCount, List<Rejection> rejected) {

    public record Rejection(int line, String reason) {}
}
