/** JPA storage of the device registry. */
package org.iotplatform.registry.jpa;
