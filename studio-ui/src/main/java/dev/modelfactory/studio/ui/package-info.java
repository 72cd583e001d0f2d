/**
 * Building blocks every page shares: style-class constants (matching assets/styles/studio.css), SVG glyphs,
 * and the page layout helpers (header, section, property rows, empty state).
 */
package dev.modelfactory.studio.ui;
