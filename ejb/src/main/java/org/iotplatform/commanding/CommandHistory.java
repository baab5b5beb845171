package org.iotplatform.commanding;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.iotplatform.audit.AuditTrail;
import org.iotplatform.registry.DeviceId;

/** The commands sent to each device, newest first; every one is also in the audit log. */
@Stateless
public class CommandHistory {

    @Inject
    DeviceCommandRepository commands;

    @Inject
    AuditTrail audit;

    /** Keeps a finished command and its audit entry (one transaction). */
    public void record(DeviceCommand command, String auditDetail) {
        commands.store(command);
        audit.record(command.requestedBy(), auditAction(command), command.deviceId(), auditDetail);
    }

    /**
     * Keeps finished commands and their audit entries: one transaction and one JDBC batch per table
     * for all (Hibernate sends identity-keyed inserts one at a time, which was most of the cost of
     * keeping hundreds of direct methods a second).
     */
    public void recordAll(List<DeviceCommand> commands, List<String> auditDetails) {
        if (commands.isEmpty()) {
            return;
        }
        this.commands.storeAll(commands);
        List<AuditTrail.Action> actions = new ArrayList<>(commands.size());
        for (int i = 0; i < commands.size(); i++) {
            DeviceCommand command = commands.get(i);
            actions.add(new AuditTrail.Action(
                    command.requestedBy(), auditAction(command), command.deviceId(), auditDetails.get(i)));
        }
        audit.recordAll(actions);
    }

    private static String auditAction(DeviceCommand command) {
        return "device." + command.kind() + ".send";
    }

    /** The device's commands, newest first. */
    public List<SentCommand> recent(DeviceId deviceId, int limit) {
        return commands.recent(deviceId.value(), Math.max(1, Math.min(limit, 500))).stream()
                .map(SentCommand::of)
                .toList();
    }
}
