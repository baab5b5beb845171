/** JPA storage of device twins. */
package org.iotplatform.twin.jpa;
