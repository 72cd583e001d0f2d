/**
 * The studio window's frame: sidebar of pages, content area, status bar (compute device, workspace, task
 * indicator), keyboard shortcuts, theme and remembered window geometry.
 */
package dev.modelfactory.studio.shell;
