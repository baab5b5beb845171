/**
 * The device registry: which devices exist, whether they may connect, their credentials
 * (symmetric keys, encrypted at rest; SAS tokens signed with them) and their connection state.
 */
package org.iotplatform.registry;
