package dev.modelfactory.studio.playground;

/** Style classes of assets/styles/grounding.css: grounded answers and their citations in the playground. */
public final class GroundingStyles {

    /** Class-path location of the stylesheet (added by the nodes that use it, on top of the app stylesheet). */
    public static final String STYLESHEET = "/assets/styles/grounding.css";

    public static final String BAR = "grounding-bar";
    public static final String CITATIONS = "citations";
    public static final String TITLE = "citations-title";
    public static final String ANSWER = "citation-answer";
    public static final String MARKER = "citation-marker";
    public static final String ROW = "citation-row";
    public static final String NUMBER = "citation-number";
    public static final String SNIPPET = "citation-snippet";
    public static final String META = "citation-meta";
    public static final String CITED = "cited";
    public static final String UNCITED = "uncited";
    public static final String FOCUSED = "focused";

    private GroundingStyles() {
    }

    /** The stylesheet's external form, for {@code getStylesheets().add}. */
    static String stylesheet() {
        return java.util.Objects.requireNonNull(GroundingStyles.class.getResource(STYLESHEET), STYLESHEET).toExternalForm();
    }
}
