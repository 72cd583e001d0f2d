/** The studio: JavaFX pages, their view models, and the shell that holds them. */
package dev.modelfactory.studio;
