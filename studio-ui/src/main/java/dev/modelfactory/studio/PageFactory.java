package dev.modelfactory.studio;

/**
 * How a page arrives in the studio without touching the shell: the app puts factories into
 * {@link StudioContext.Builder#addPage}; the shell calls each once on the FX thread, in order, and lists the
 * pages between Home and Tasks.
 */
@FunctionalInterface
public interface PageFactory {
    Page create(StudioServices services);
}
