package dev.modelfactory.engine.serve.lora;

import dev.modelfactory.engine.backend.Backend;
import dev.modelfactory.engine.model.Projection;
import dev.modelfactory.engine.model.ProjectionDelta;
import dev.modelfactory.engine.tensor.HostTensor;
import dev.modelfactory.engine.tensor.Tensor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Unmerged LoRA for a batch whose rows may use different adapters (or none): rows are grouped by adapter
 * once per step, and each projection then runs one shrink/expand pair per group,
 * {@code y[rows] += s · (x[rows] · Aᵀ) · Bᵀ}. Base rows (null adapter) get nothing added, so they read
 * exactly what the base model computes. Host tensors are updated in place; a device backend's tensors
 * are copied to the host and back (correct, not fast: a device kernel belongs to that backend).
 */
public final class LoraBatchDelta implements ProjectionDelta {

    /** The rows of one adapter; {@code rows == null} means every row of the call. */
    private record Group(LoraWeights weights, int[] rows) {
    }

    private final Backend backend;
    private final List<Group> groups;
    private float[] u = new float[0];

    private LoraBatchDelta(Backend backend, List<Group> groups) {
        this.backend = backend;
        this.groups = groups;
    }

    /** Every row of each call uses {@code weights} (a prefill, or a batch on one adapter). */
    public static LoraBatchDelta uniform(Backend backend, LoraWeights weights) {
        return new LoraBatchDelta(backend, List.of(new Group(weights, null)));
    }

    /** Row i uses {@code perRow.get(i)}; null entries are base rows. */
    public static LoraBatchDelta perRow(Backend backend, List<LoraWeights> perRow) {
        Map<LoraWeights, List<Integer>> byAdapter = new IdentityHashMap<>();
        List<LoraWeights> order = new ArrayList<>();
        for (int i = 0; i < perRow.size(); i++) {
            LoraWeights w = perRow.get(i);
            if (w != null) {
                if (!byAdapter.containsKey(w)) {
                    order.add(w);
                }
                byAdapter.computeIfAbsent(w, k -> new ArrayList<>()).add(i);
            }
        }
        List<Group> groups = new ArrayList<>();
        for (LoraWeights w : order) {
            groups.add(new Group(w, byAdapter.get(w).stream().mapToInt(Integer::intValue).toArray()));
        }
        return new LoraBatchDelta(backend, List.copyOf(groups));
    }

    /** Distinct adapters in the batch. */
    public int groups() {
        return groups.size();
    }

    @Override
    public void apply(int layer, Projection projection, Tensor x, Tensor y) {
        if (groups.isEmpty()) {
            return;
        }
        boolean host = x instanceof HostTensor && y instanceof HostTensor;
        float[] xs = host ? ((HostTensor) x).data() : backend.download(x);
        float[] ys = host ? ((HostTensor) y).data() : backend.download(y);
        int t = x.rows();
        boolean touched = false;
        for (Group g : groups) {
            LoraWeights.Site site = g.weights().site(layer, projection);
            if (site == null) {
                continue;
            }
            if (site.in() != x.cols() || site.out() != y.cols()) {
                throw new IllegalArgumentException("adapter '" + g.weights().id() + "' layer " + layer + " "
                        + projection + ": [" + site.out() + ", " + site.in() + "] does not fit x " + x.cols()
                        + " -> y " + y.cols());
            }
            int[] rows = g.rows() != null ? g.rows() : iota(t);
            int n = rows.length;
            int r = site.rank();
            if (u.length < n * r) {
                u = new float[n * r];
            }
            LoraKernels.shrink(xs, site.in(), rows, n, site.a(), r, u);
            LoraKernels.expand(u, r, site.bt(), site.out(), rows, n, ys);
            touched = true;
        }
        if (!host && touched) {
            backend.upload(ys, y);
        }
    }

    private static int[] iota(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }
}
