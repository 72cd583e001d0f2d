package dev.modelfactory.app.handoff;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.modelfactory.app.training.TrainingInputException;
import dev.modelfactory.ledger.store.run.MetricPoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The curves in a Hugging Face Trainer's {@code trainer_state.json} (LLaMA-Factory and Axolotl both write
 * it): {@code log_history} entries with {@code step}, {@code epoch} and {@code loss}, {@code learning_rate},
 * {@code grad_norm} (training logs) or {@code eval_loss} (evaluations); entries of one step merge into one
 * point; the closing summary ({@code train_loss}, {@code train_runtime}) carries no curve value and is
 * skipped. Python writes {@code NaN}/{@code Infinity} literally: such values are counted, not stored.
 * The Trainer logs no per-step wall time, so imported points have elapsed time 0.
 *
 * @param points    one point per logged step, by step
 * @param nonFinite values left out because they were NaN or infinite
 * @param file      the file read
 */
public record TrainerState(List<MetricPoint> points, int nonFinite, Path file) {

    public static final String FILE = "trainer_state.json";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    /** {@code DIR/trainer_state.json}, else the one in the highest {@code DIR/checkpoint-N/}. */
    public static Path find(Path dir) {
        Path direct = dir.resolve(FILE);
        if (Files.isRegularFile(direct)) {
            return direct;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("checkpoint-\\d{1,12}"))
                    .filter(p -> Files.isRegularFile(p.resolve(FILE)))
                    .max(Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString().substring(11))))
                    .map(p -> p.resolve(FILE))
                    .orElseThrow(() -> new TrainingInputException(dir + ": no " + FILE + " (the trainer writes it into"
                            + " output_dir at the end and into each checkpoint-N folder)"));
        } catch (IOException e) {
            throw new TrainingInputException(dir + ": cannot list: " + e.getMessage(), e);
        }
    }

    public static TrainerState read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new TrainingInputException(file + ": not JSON: " + e.getMessage(), e);
        }
        JsonNode history = root == null ? null : root.get("log_history");
        if (history == null || !history.isArray()) {
            throw new TrainingInputException(file + ": log_history: missing or not a list");
        }
        TreeMap<Long, MetricPoint> byStep = new TreeMap<>();
        int nonFinite = 0;
        for (int i = 0; i < history.size(); i++) {
            JsonNode e = history.get(i);
            String where = file + ": log_history[" + i + "]";
            if (!e.isObject() || !e.path("step").canConvertToExactIntegral() || e.get("step").asLong() < 0) {
                throw new TrainingInputException(where + ".step: expected a whole number >= 0");
            }
            long step = e.get("step").asLong();
            double epoch = e.path("epoch").isNumber() ? e.get("epoch").asDouble() : 0;
            OptionalDouble[] v = new OptionalDouble[4];
            String[] keys = {"loss", "eval_loss", "learning_rate", "grad_norm"};
            for (int k = 0; k < keys.length; k++) {
                JsonNode n = e.get(keys[k]);
                v[k] = OptionalDouble.empty();
                if (n == null || n.isNull()) {
                    continue;
                }
                if (!n.isNumber()) {
                    throw new TrainingInputException(where + "." + keys[k] + ": expected a number, got " + n);
                }
                if (Double.isFinite(n.asDouble())) {
                    v[k] = OptionalDouble.of(n.asDouble());
                } else {
                    nonFinite++;
                }
            }
            if (v[0].isEmpty() && v[1].isEmpty() && v[2].isEmpty() && v[3].isEmpty()) {
                continue; // the closing summary, or an entry whose values were all non-finite
            }
            MetricPoint p = new MetricPoint(step, epoch, 0, v[0], v[1], v[2], v[3], OptionalDouble.empty(),
                    OptionalLong.empty());
            byStep.merge(step, p, TrainerState::merge);
        }
        return new TrainerState(new ArrayList<>(byStep.values()), nonFinite, file);
    }

    /** The later entry's values win where both have one (a re-logged step), the earlier's fill the gaps. */
    private static MetricPoint merge(MetricPoint a, MetricPoint b) {
        return new MetricPoint(a.step(), Math.max(a.epoch(), b.epoch()), 0, or(b.trainLoss(), a.trainLoss()),
                or(b.evalLoss(), a.evalLoss()), or(b.learningRate(), a.learningRate()), or(b.gradNorm(), a.gradNorm()),
                OptionalDouble.empty(), OptionalLong.empty());
    }

    private static OptionalDouble or(OptionalDouble first, OptionalDouble second) {
        return first.isPresent() ? first : second;
    }
}
