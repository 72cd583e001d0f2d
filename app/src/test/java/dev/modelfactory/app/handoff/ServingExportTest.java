package dev.modelfactory.app.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.app.training.AdapterCatalog;
import dev.modelfactory.app.training.TrainingInputException;
import dev.modelfactory.engine.adapter.PeftAdapter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServingExportTest {

    @TempDir
    Path dir;

    private AdapterCatalog.Entry saved(String name, PeftAdapter a) {
        Path folder = dir.resolve(name);
        a.save(folder);
        return new AdapterCatalog.Entry(a.sha256(), folder, 0, a.config().baseModelNameOrPath(), name);
    }

    @Test
    void adaptersOfDifferentBasesNeedAnExplicitBase() throws Exception {
        AdapterCatalog.Entry a = saved("a", HandoffFixtures.adapter(HandoffFixtures.qv(8, 16f), "org/base-a",
                HandoffFixtures.DIM, HandoffFixtures.KV));
        AdapterCatalog.Entry b = saved("b", HandoffFixtures.adapter(HandoffFixtures.qv(32, 16f), "org/base-b",
                HandoffFixtures.DIM, HandoffFixtures.KV));
        Path out = dir.resolve("serve");
        assertThatThrownBy(() -> ServingExport.write(List.of(a, b), ServingFormat.VLLM, null, out))
                .isInstanceOf(TrainingInputException.class).hasMessageContaining("--base");
        assertThat(out).doesNotExist();

        ServingExport.Summary s = ServingExport.write(List.of(a, b), ServingFormat.VLLM, "org/base-a", out);
        assertThat(s.adapters()).extracting(ServingExport.Exported::name).doesNotHaveDuplicates();
        // the larger rank (32) decides vLLM's --max-lora-rank; both adapters are listed
        assertThat(s.launch()).contains("--max-lora-rank 32").contains("--max-loras 2")
                .contains(s.adapters().get(0).name() + "=").contains(s.adapters().get(1).name() + "=");
        for (ServingExport.Exported e : s.adapters()) {
            assertThat(PeftAdapter.load(e.folder()).sha256()).isEqualTo(e.sha256());
        }
        assertThat(Files.readString(out.resolve("adapters.json"))).contains(a.hash()).contains(b.hash());
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".tmp-"));
        }
    }
}
