/** The foundation pages every studio has: Home, Tasks and Settings, plus the shared task list view. */
package dev.modelfactory.studio.pages;
