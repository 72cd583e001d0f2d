/**
 * The global error handler: uncaught exceptions on any thread and task failures nobody handled are logged
 * through SLF4J and shown in one readable dialog (message first, stack trace on demand), coalesced so that
 * a burst of errors never stacks up dialogs.
 */
package dev.modelfactory.studio.error;
