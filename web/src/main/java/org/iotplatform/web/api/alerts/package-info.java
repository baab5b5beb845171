/** REST for alert rules ({@code /rules}) and the alerts they raise ({@code /alerts}). */
package org.iotplatform.web.api.alerts;
