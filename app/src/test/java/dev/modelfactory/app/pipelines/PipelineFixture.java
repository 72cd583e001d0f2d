package dev.modelfactory.app.pipelines;

import dev.modelfactory.app.training.TrainingTestData;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.wallet.WalletStore;
import dev.modelfactory.ledger.wallet.ScryptParams;
import dev.modelfactory.ledger.wallet.WalletService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A tiny world for pipeline tests: the tiny random Llama of the training tests, two small Alpaca files made
 * here ("animal or plant?" rows, and a second independent file), a light-KDF wallet and a pipeline YAML.
 */
final class PipelineFixture {

    static final String PASSWORD = "pipeline-test-password";
    static final String[] ANIMALS = {"cat", "dog", "horse", "mouse", "tiger", "sheep", "goat", "bear", "wolf", "fox"};
    static final String[] PLANTS = {"rose", "oak", "tulip", "fern", "moss", "pine", "daisy", "maple", "ivy", "lily"};

    final Path dir;
    final Path model;
    final Path rows;
    final Path other;

    PipelineFixture(Path dir) throws IOException {
        this.dir = dir;
        this.model = TrainingTestData.tinyModel(Files.createDirectories(dir.resolve("model")));
        this.rows = dir.resolve("rows.jsonl");
        this.other = dir.resolve("other.jsonl");
        writeRows(rows, "Is a %s an animal or a plant?", 0);
        writeRows(other, "Tell me: %s, animal or plant?", 0);
    }

    /** Rows of the skill; {@code changed} > 0 rewrites that many answers of the first rows (a changed row). */
    static void writeRows(Path file, String form, int changed) throws IOException {
        List<String> lines = new ArrayList<>();
        int i = 0;
        for (String a : ANIMALS) {
            lines.add(row(String.format(form, a), i++ < changed ? "P" : "A"));
        }
        for (String p : PLANTS) {
            lines.add(row(String.format(form, p), "P"));
        }
        Files.write(file, lines);
    }

    private static String row(String q, String a) {
        return "{\"instruction\": \"" + q + "\", \"input\": \"\", \"output\": \"" + a + "\"}";
    }

    PipelineService service(Workspace ws) {
        return PipelineService.builder(ws).environment(Map.of("MODELFACTORY_WALLET_PASSWORD", PASSWORD))
                .wallets(PipelineFixture::wallet).build();
    }

    static WalletService wallet(Workspace ws) {
        return WalletService.builder(new WalletStore(ws)).kdf(ScryptParams.lightForTestsOnly()).build();
    }

    /** Gives the workspace's wallet one account (a fixed test key). */
    static void account(Workspace ws) {
        wallet(ws).importPrivateKey(HexFormat.of().parseHex(
                "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"), "curator", PASSWORD.toCharArray());
    }

    /** A pipeline {@code name}: import rows.jsonl, freeze (0.8 / 0.1 / 0.1), train {@code maxSteps} on one thread. */
    String trainOnly(String name, int maxSteps) {
        return """
                name: NAME
                steps:
                  - import:
                      file: rows.jsonl
                      dataset: skills
                      contributor: alice
                  - freeze:
                      dataset: ${import.dataset}
                      split: [0.8, 0.1, 0.1]
                  - train:
                      model: MODEL
                      dataset: ${freeze.version}
                      max_steps: STEPS
                      batch_size: 4
                      seq_len: 64
                      eval_every: 0
                      checkpoint_every: 0
                      threads: 1
                """.replace("NAME", name).replace("MODEL", model.toString()).replace("STEPS", Integer.toString(maxSteps));
    }

    Path write(String name, String yaml) throws IOException {
        return Files.writeString(dir.resolve(name), yaml);
    }

    /** The full pipeline: two imports (the second an independent branch), check, freeze, train, eval, gate, approve, attest, export. */
    String full(String gate) {
        return """
                name: full
                steps:
                  - import:
                      name: data
                      file: rows.jsonl
                      dataset: skills
                      contributor: alice
                      uses: [train, evaluate]
                  - import:
                      name: other
                      file: other.jsonl
                      dataset: other
                      contributor: bob
                      uses: [train, evaluate]
                  - check:
                      dataset: ${data.dataset}
                      near_duplicates: false
                      min_rows: 10
                  - freeze:
                      dataset: ${check.dataset}
                      split: [0.6, 0.1, 0.3]
                  - freeze:
                      name: otherfrozen
                      dataset: ${other.dataset}
                      split: [0.8, 0.1, 0.1]
                  - train:
                      model: MODEL
                      dataset: ${freeze.version}
                      max_steps: 3
                      batch_size: 4
                      seq_len: 64
                      learning_rate: 5e-2
                      eval_every: 0
                      checkpoint_every: 0
                      seed: 5
                      threads: 1
                  - eval:
                      model: MODEL
                      dataset: ${freeze.version}
                      systems:
                        base: base
                        candidate: ${train.adapter}
                      max_tokens: 4
                  - gate:
                      eval: ${eval.run}
                GATE
                  - approve:
                      subject: ${train.adapter}
                  - attest:
                      dataset: ${freeze.version}
                      run: ${train.run}
                      eval: ${eval.run}
                  - export:
                      format: peft
                      adapter: ${train.adapter}
                      out: out/adapter
                      replace: true
                """.replace("MODEL", model.toString()).replace("GATE\n", gate);
    }

    /** A gate that always passes: the candidate may be up to 1 (all of exact match) worse than the base. */
    static final String LENIENT_GATE = "      rule: not_worse\n      margin: 1\n";
    /** A gate no candidate passes: better than the base by more than 1 (exact match lies in [0, 1]). */
    static final String IMPOSSIBLE_GATE = "      rule: beats\n      margin: 1\n";
}
