/**
 * A small Canvas line chart for long metric curves: EMA smoothing with the raw curve kept faint behind,
 * log scale, zoom and pan over the x axis, hover read-out, PNG export. Stored points are never dropped;
 * {@link dev.modelfactory.studio.charts.Lttb} picks which of them to draw (about two per pixel).
 */
package dev.modelfactory.studio.charts;
