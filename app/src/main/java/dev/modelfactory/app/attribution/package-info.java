/**
 * Proof of attribution in the app: which contributors' rows shaped an output. Span evidence ({@code Span*}:
 * verbatim spans of an output found in a dataset version's training rows through a suffix-array index kept
 * under the workspace), influence through the adapter's gradients ({@code Influence*}) and the records that
 * combine them.
 */
package dev.modelfactory.app.attribution;
