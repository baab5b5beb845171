/** JPA storage of the commands sent to devices (command history and waiting cloud-to-device messages). */
package org.iotplatform.commanding.jpa;
