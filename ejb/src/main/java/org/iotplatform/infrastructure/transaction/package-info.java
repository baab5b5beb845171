/** JTA helpers shared by the services. */
package org.iotplatform.infrastructure.transaction;
