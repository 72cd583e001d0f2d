/** {@code modelfactory starter build|install|status}: rebuild the starter kit, or install it into a workspace. */
package dev.modelfactory.app.cli.starter;
