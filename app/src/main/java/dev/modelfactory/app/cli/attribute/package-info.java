/** {@code modelfactory attribute}: which training rows and contributors shaped an adapter's output (gradient influence). */
package dev.modelfactory.app.cli.attribute;
