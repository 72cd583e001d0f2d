package dev.modelfactory.app.pipelines;

import java.util.List;

/**
 * A step as the pipeline file declares it, before any run: enough to draw the pipeline as a graph.
 *
 * @param index     position (0-based)
 * @param name      unique name (defaults to the kind)
 * @param kind      import, check, freeze, train, eval, gate, approve, attest, anchor or export
 * @param line      where it starts in the file
 * @param dependsOn the steps whose outputs it reads ({@code ${step.output}})
 * @param outputs   the names of the outputs it makes
 */
public record StepOutline(int index, String name, String kind, int line, List<String> dependsOn, List<String> outputs) {

    public StepOutline {
        dependsOn = List.copyOf(dependsOn);
        outputs = List.copyOf(outputs);
    }
}
