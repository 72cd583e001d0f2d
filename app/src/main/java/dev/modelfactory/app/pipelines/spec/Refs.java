package dev.modelfactory.app.pipelines.spec;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * References in pipeline values: a whole value {@code ${step.output}} names an earlier step's output; inside
 * text, {@code ${here}} (the pipeline file's folder), {@code ${starter}} (the starter kit's folder) and
 * {@code ${workspace}} (the workspace folder) are replaced.
 */
public final class Refs {

    /** A reference to a step's output, the whole value. */
    public record StepRef(String step, String output) {
        @Override
        public String toString() {
            return "${" + step + "." + output + "}";
        }
    }

    public static final Pattern STEP_REF = Pattern.compile("\\$\\{([A-Za-z0-9_-]+)\\.([a-z_]+)}");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_.-]*)}");
    /** The variables text may use. */
    public static final java.util.List<String> VARIABLES = java.util.List.of("here", "starter", "workspace");

    private Refs() {
    }

    /** The step reference {@code text} is, if it is exactly one. */
    public static Optional<StepRef> stepRef(String text) {
        Matcher m = STEP_REF.matcher(text.strip());
        return m.matches() ? Optional.of(new StepRef(m.group(1), m.group(2))) : Optional.empty();
    }

    /** The first {@code ${...}} in {@code text} that is not a known variable, if any. */
    public static Optional<String> unknownVariable(String text) {
        Matcher m = VARIABLE.matcher(text);
        while (m.find()) {
            if (!VARIABLES.contains(m.group(1))) {
                return Optional.of(m.group());
            }
        }
        return Optional.empty();
    }

    /**
     * {@code text} with its variables replaced.
     *
     * @throws IllegalArgumentException naming the variable when one has no value here (no starter kit found)
     */
    public static String substitute(String text, Map<String, Path> values) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            Path v = values.get(m.group(1));
            if (v == null) {
                throw new IllegalArgumentException(m.group() + ": has no value here" + (m.group(1).equals("starter")
                        ? " (no starter kit found: set -Dmodelfactory.starter.dir or $MODELFACTORY_STARTER)" : ""));
            }
            m.appendReplacement(b, Matcher.quoteReplacement(v.toString()));
        }
        m.appendTail(b);
        return b.toString();
    }
}
