/** Bootstrap confidence intervals of metric means and paired comparisons between two systems. */
package dev.modelfactory.engine.eval.stats;
