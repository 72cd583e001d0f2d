/**
 * Models as the app sees them: resolving what a user typed (a path or an imported model), importing a
 * model (the engine reads its headers, the ledger registers it by content hash) and the catalog the
 * studio's Models page shows.
 */
package dev.modelfactory.app.models;
