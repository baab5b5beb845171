/** Reusable dashboard pieces: the time-series chart, health and severity badges, readable durations, and the plumbing that feeds live data into a UI safely. */
package org.iotplatform.web.ui.components;
