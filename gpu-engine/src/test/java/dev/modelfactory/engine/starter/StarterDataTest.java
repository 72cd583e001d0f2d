package dev.modelfactory.engine.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StarterDataTest {

    @TempDir
    Path dir;

    @Test
    void numberWordsKnownAnswers() {
        assertThat(NumberWords.of(0)).isEqualTo("zero");
        assertThat(NumberWords.of(13)).isEqualTo("thirteen");
        assertThat(NumberWords.of(40)).isEqualTo("forty");
        assertThat(NumberWords.of(47)).isEqualTo("forty-seven");
        assertThat(NumberWords.of(300)).isEqualTo("three hundred");
        assertThat(NumberWords.of(905)).isEqualTo("nine hundred and five");
        assertThat(NumberWords.of(999)).isEqualTo("nine hundred and ninety-nine");
        assertThatThrownBy(() -> NumberWords.of(1000)).hasMessageContaining("0..999");
    }

    @Test
    void theCorpusIsDeterministicAndNeverPairsDigitsWithTheirWords() {
        List<String> docs = StarterCorpus.documents(11, 3000);
        assertThat(StarterCorpus.documents(11, 3000)).isEqualTo(docs);
        assertThat(StarterCorpus.documents(12, 3000)).isNotEqualTo(docs);
        assertThat(docs).anyMatch(d -> d.startsWith(StarterCorpus.IM_START + "user\n"));
        assertThat(docs).anyMatch(d -> d.matches(".*\\d.*"));
        for (String d : docs) {
            if (d.matches(".*\\d.*")) {
                // a document with numerals has no number words (beyond what names/things could contain)
                assertThat(d).doesNotContainPattern("\\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)\\b");
            }
        }
    }

    @Test
    void recallStoriesOnlyReferBackToWhatTheirPeopleDid() {
        java.util.regex.Pattern lookedFor = java.util.regex.Pattern.compile("Later, (\\w+) looked for the (\\w+ \\w+)\\.");
        int checked = 0;
        for (String d : StarterCorpus.documents(11, 3000)) {
            java.util.regex.Matcher m = lookedFor.matcher(d);
            while (m.find()) {
                // the person's own deed, stated before the reference: "Mia found a red ball ..."
                assertThat(d.substring(0, m.start())).containsPattern(m.group(1) + " \\w+ an? " + m.group(2) + " in the ");
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(100);
    }

    @Test
    void everySkillHasUniqueItemsAndItsAnswersAreRight() {
        for (Skill s : SkillSets.all(5)) {
            Set<String> keys = new HashSet<>();
            for (SkillItem i : s.items()) {
                assertThat(keys.add(i.instruction() + "|" + i.input())).as(s.name() + " item unique").isTrue();
                assertThat(i.output()).isNotBlank();
            }
        }
        Skill numbers = SkillSets.numbers(5);
        assertThat(numbers.items()).hasSize(1000)
                .allSatisfy(i -> assertThat(i.output()).isEqualTo(NumberWords.of(Integer.parseInt(i.input()))));
        for (SkillItem q : SkillSets.questions(5, 200).items()) {
            assertThat(q.input()).contains(q.output().startsWith("the ") ? " in " + q.output() + "." : q.output());
        }
        assertThat(SkillSets.heldOutQuestions(5, 10).uses()).containsExactly("evaluate");
        assertThat(SkillSets.base("carried")).isEqualTo("carry");
    }

    @Test
    void skillsWriteAsAlpacaJsonl() throws Exception {
        Skill s = SkillSets.toJson(3, 25);
        Path file = dir.resolve("json.jsonl");
        SkillSets.writeAlpaca(s, file);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(25);
        ObjectMapper m = new ObjectMapper();
        JsonNode first = m.readTree(lines.getFirst());
        assertThat(first.get("instruction").asText()).isEqualTo(s.items().getFirst().instruction());
        assertThat(first.get("tags").get(0).asText()).isEqualTo("sentence-to-json");
        JsonNode answer = m.readTree(first.get("output").asText());
        assertThat(answer.fieldNames()).toIterable().containsExactly("who", "did", "what", "where");
        assertThat(first.get("input").asText()).contains(answer.get("who").asText(), answer.get("where").asText());
        assertThat(Files.list(dir)).containsExactly(file);
    }
}
