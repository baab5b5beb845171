/** Threads of the application's own, for work that must not queue behind the server's defaults. */
package org.iotplatform.infrastructure.concurrent;
