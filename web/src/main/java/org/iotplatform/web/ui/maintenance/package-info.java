/**
 * Predictive maintenance for operators: the models that learn remaining useful life, their trained
 * versions with figures, and the watched devices closest to failure; admins define and retrain models.
 * Views call the maintenance services only, never a store.
 */
package org.iotplatform.web.ui.maintenance;
