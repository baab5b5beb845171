/** The application's database: its data source and a health report of it. */
package org.iotplatform.infrastructure.persistence;
