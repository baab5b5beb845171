package org.iotplatform.commanding;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.iotplatform.audit.AuditTrail;
import org.iotplatform.registry.DeviceId;

import java.util.List;

/** The commands sent to each device, newest first; every one is also in the audit log. */
@Stateless
public class CommandHistory {

   @PersistenceContext(unitName = "iot")
   EntityManager em;

   @Inject
   AuditTrail audit;

   /** Keeps a finished command and its audit entry (one transaction). */
   public void record(DeviceCommand command, String auditDetail) {
      em.persist(command);
      audit.record(command.requestedBy(), "device." + command.kind() + ".send", command.deviceId(), auditDetail);
   }

   /** Keeps finished commands and their audit entries (one transaction for all). */
   public void recordAll(List<DeviceCommand> commands, List<String> auditDetails) {
      for (int i = 0; i < commands.size(); i++) {
         record(commands.get(i), auditDetails.get(i));
      }
   }

   public List<DeviceCommand> recent(DeviceId deviceId, int limit) {
      return em.createQuery("select c from DeviceCommand c where c.deviceId = :device order by c.requestedAt desc, c.id desc",
                  DeviceCommand.class)
            .setParameter("device", deviceId.value())
            .setMaxResults(Math.max(1, Math.min(limit, 500)))
            .getResultList();
   }
}
