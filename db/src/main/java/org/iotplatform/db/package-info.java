/** The MariaDB schema: versioned migrations and the hook that applies them at start-up. */
package org.iotplatform.db;
