package dev.modelfactory.app.cli;

import dev.modelfactory.app.doctor.Doctor;
import dev.modelfactory.app.doctor.DoctorReport;
import dev.modelfactory.ledger.store.WorkspaceLocator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code modelfactory doctor}: Java, OS, CPU, memory, workspace and compute backends, truthfully. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Report Java, OS, CPU (cores, vector width), memory, the workspace and its schema, "
                + "and which compute backends can run here (and why not).")
public final class DoctorCommand implements Runnable {

    @ParentCommand
    private RootCommand root;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        DoctorReport report = Doctor.examine(WorkspaceLocator.locate(root.workspace()));
        new Output(spec.commandLine().getOut(), root.json()).result(report, report.toText());
    }
}
