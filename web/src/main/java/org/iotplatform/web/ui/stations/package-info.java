/** Pumping stations: every station as a tile, and one station's pumps side by side with a drawn schematic. */
package org.iotplatform.web.ui.stations;
