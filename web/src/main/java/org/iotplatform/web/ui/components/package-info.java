/** Reusable dashboard pieces: the time-series chart, health and severity badges, and the plumbing that feeds live data into a UI safely. */
package org.iotplatform.web.ui.components;
