/** JPA storage of operator accounts. */
package org.iotplatform.operators.jpa;
