/** REST for predictive maintenance: models, their training, and devices' remaining useful life. */
package org.iotplatform.web.api.maintenance;
