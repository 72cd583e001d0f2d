package dev.modelfactory.app.doctor;

import dev.modelfactory.app.cli.VersionProvider;
import dev.modelfactory.engine.backend.Backends;
import dev.modelfactory.engine.platform.MachineInfo;
import dev.modelfactory.ledger.store.WorkspaceLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Gathers a {@link DoctorReport}. Reads only; creates no workspace. */
public final class Doctor {

    /** Backends the product knows of that may be missing from this build, with what to say then. */
    private static final List<String[]> EXPECTED = List.<String[]>of(
            new String[] {"cuda", "not in this build: the CUDA backend (JCuda) is not part of this version yet"});

    private Doctor() {
    }

    public static DoctorReport examine(WorkspaceLocation location) {
        return new DoctorReport(VersionProvider.version(), MachineInfo.detect(), WorkspaceStatus.probe(location),
                backends());
    }

    static List<BackendStatus> backends() {
        List<Backends.Entry> all = Backends.all();
        String forced = System.getProperty(Backends.PROPERTY);
        String selected = forced != null && !forced.isBlank()
                ? forced.trim().toLowerCase(Locale.ROOT)
                : all.stream().filter(e -> e.availability().available()).map(Backends.Entry::name).findFirst().orElse("");
        List<BackendStatus> out = new ArrayList<>();
        for (Backends.Entry e : all) {
            boolean ok = e.availability().available();
            out.add(new BackendStatus(e.name(), e.provider().rank(), ok, e.availability().reason(),
                    ok && e.name().equals(selected)));
        }
        for (String[] expected : EXPECTED) {
            if (all.stream().noneMatch(e -> e.name().equals(expected[0]))) {
                out.add(new BackendStatus(expected[0], -1, false, expected[1], false));
            }
        }
        return out;
    }
}
