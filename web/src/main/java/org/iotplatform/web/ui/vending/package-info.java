/** Vending machines: stock per slot, cabinet temperature, and the machines a refill round should visit. */
package org.iotplatform.web.ui.vending;
