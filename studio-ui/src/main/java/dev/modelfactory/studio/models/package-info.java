/**
 * The Models page: models found where people keep them (Ollama, the Hugging Face cache, LM Studio, folders the
 * user adds) plus the ones imported into the workspace. The page only talks to {@link
 * dev.modelfactory.studio.models.ModelCatalog}, which the app implements with the engine and the ledger.
 */
package dev.modelfactory.studio.models;
