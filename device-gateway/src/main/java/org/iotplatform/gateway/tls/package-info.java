/** The local certificate authority: a self-signed CA and the gateway's server certificate, made on first start. */
package org.iotplatform.gateway.tls;
