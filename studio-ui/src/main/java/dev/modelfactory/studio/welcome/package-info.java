/**
 * The first-run welcome: what the studio is for (curate, fine-tune, compare, attribute), where the workspace
 * goes, whether to install the starter kit, and which models are already on this computer. The app decides
 * when it applies and supplies a {@link dev.modelfactory.studio.welcome.Welcome}; the studio shows the
 * {@link dev.modelfactory.studio.welcome.WelcomeView} before the shell and swaps the shell in once the
 * workspace is open.
 */
package dev.modelfactory.studio.welcome;
