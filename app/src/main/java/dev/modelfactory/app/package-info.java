/** Composition root: the launcher main, the picocli command line and the wiring of services. */
package dev.modelfactory.app;
