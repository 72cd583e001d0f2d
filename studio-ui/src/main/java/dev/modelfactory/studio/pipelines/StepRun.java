package dev.modelfactory.studio.pipelines;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One step of one run, as recorded: what it read and made (by name and content hash), when it ran, its log,
 * its error, and the outputs other pages can open. Build with {@link #builder}.
 *
 * @param spec         the step as declared (id, kind, input and output names)
 * @param status       where it stands
 * @param inputHashes  input name to the sha256 it read (empty until it ran)
 * @param outputHashes output name to the sha256 it made
 * @param started      when it started, or null
 * @param ended        when it ended, or null
 * @param duration     time it ran (zero when it did not)
 * @param log          its log so far, lines separated by {@code \n}
 * @param error        why it failed or was rejected, or null
 * @param links        outputs other pages show
 */
public record StepRun(StepSpec spec, StepStatus status, Map<String, String> inputHashes,
                      Map<String, String> outputHashes, Instant started, Instant ended, Duration duration,
                      String log, String error, List<OutputLink> links) {

    public StepRun {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(status, "status");
        inputHashes = Map.copyOf(inputHashes);
        outputHashes = Map.copyOf(outputHashes);
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(log, "log");
        links = List.copyOf(links);
    }

    public String id() {
        return spec.id();
    }

    public String kind() {
        return spec.kind();
    }

    /** True for an {@code approve} step waiting for a person: the only state approve / reject apply to. */
    public boolean awaitsApproval() {
        return status == StepStatus.WAITING && "approve".equals(spec.kind());
    }

    public static Builder builder(StepSpec spec) {
        return new Builder(spec);
    }

    /** A copy to change a few components of. */
    public Builder toBuilder() {
        Builder b = new Builder(spec).status(status).started(started).ended(ended).duration(duration).log(log)
                .error(error);
        b.inputHashes.putAll(inputHashes);
        b.outputHashes.putAll(outputHashes);
        b.links.addAll(links);
        return b;
    }

    /** Builds a {@link StepRun}; defaults: pending, no hashes, no times, empty log, no error, no links. */
    public static final class Builder {
        private final StepSpec spec;
        private StepStatus status = StepStatus.PENDING;
        private final Map<String, String> inputHashes = new LinkedHashMap<>();
        private final Map<String, String> outputHashes = new LinkedHashMap<>();
        private Instant started;
        private Instant ended;
        private Duration duration = Duration.ZERO;
        private String log = "";
        private String error;
        private final List<OutputLink> links = new ArrayList<>();

        private Builder(StepSpec spec) {
            this.spec = Objects.requireNonNull(spec, "spec");
        }

        public Builder status(StepStatus value) {
            this.status = value;
            return this;
        }

        public Builder inputHash(String name, String sha256) {
            inputHashes.put(name, sha256);
            return this;
        }

        public Builder outputHash(String name, String sha256) {
            outputHashes.put(name, sha256);
            return this;
        }

        public Builder started(Instant value) {
            this.started = value;
            return this;
        }

        public Builder ended(Instant value) {
            this.ended = value;
            return this;
        }

        public Builder duration(Duration value) {
            this.duration = value;
            return this;
        }

        public Builder log(String value) {
            this.log = value;
            return this;
        }

        public Builder error(String value) {
            this.error = value;
            return this;
        }

        public Builder link(OutputLink value) {
            links.add(value);
            return this;
        }

        public StepRun build() {
            return new StepRun(spec, status, inputHashes, outputHashes, started, ended, duration, log, error, links);
        }
    }
}
