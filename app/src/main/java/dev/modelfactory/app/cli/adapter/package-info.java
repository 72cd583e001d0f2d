/**
 * {@code modelfactory adapter list|show|inspect|export|import|merge}: PEFT adapters of the workspace (trained
 * by runs or imported) through {@link dev.modelfactory.app.training.AdapterCatalog}.
 */
package dev.modelfactory.app.cli.adapter;
