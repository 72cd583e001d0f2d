/** Small UI preference values (theme, window geometry) and their atomic properties-file store. */
package dev.modelfactory.studio.prefs;
