package dev.modelfactory.studio.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.modelfactory.engine.eval.EvalResult;
import dev.modelfactory.engine.eval.Metric;
import dev.modelfactory.studio.benchmarks.BenchData;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The report parsed strictly as XML (XHTML + inline SVG): structure, numbers, escaping, self-containment. */
class HtmlReportTest {

    private static final String HOSTILE = "<script>alert('x')</script> & \"q\" \u0007 </pre>";

    @TempDir
    Path temp;

    private final EvalResult result = BenchData.result();
    private final Comparison comparison = Comparison.of(result, "base", 500, 3);

    @Test
    void theChartsHaveABarAndAnErrorBarPerSystemAndGroupAtTheComparisonsNumbers() throws Exception {
        Document doc = parse(report(comparison, Examples.of(BenchData.suite(), result)));
        List<Element> svgs = elements(doc, "svg");
        assertThat(svgs).hasSize(3).extracting(s -> s.getAttribute("data-title"))
                .containsExactly("Across tasks", "capitals: every metric", "sentiment: every metric");

        Element across = svgs.getFirst();
        List<Element> bars = withClass(across, "rect", "bar");
        List<Element> errors = withClass(across, "g", "error-bar");
        assertThat(bars).hasSize(2 * 3);
        assertThat(errors).hasSize(2 * 3).allSatisfy(g -> assertThat(g.getElementsByTagNameNS("*", "line")
                .getLength()).isEqualTo(3));
        Element geo = bars.stream().filter(b -> b.getAttribute("data-series").equals("geo")
                && b.getAttribute("data-group").equals("capitals (exact_match)")).findFirst().orElseThrow();
        var summary = comparison.cell("capitals", Metric.EXACT_MATCH, "geo").summary();
        assertThat(geo.getAttribute("data-mean")).isEqualTo("0.750");
        // the plot spans 186 px for a y axis up to 1: a mean of 0.75 is 139.5 px tall
        assertThat(Double.parseDouble(geo.getAttribute("height"))).isCloseTo(139.5, within(0.05));
        Element geoError = errors.stream().filter(g -> g.getAttribute("data-series").equals("geo")
                && g.getAttribute("data-group").equals("capitals (exact_match)")).findFirst().orElseThrow();
        assertThat(geoError.getAttribute("data-low")).isEqualTo(Markup.score(summary.low()));
        assertThat(geoError.getAttribute("data-high")).isEqualTo(Markup.score(summary.high()));

        Element capitals = svgs.get(1);
        assertThat(withClass(capitals, "rect", "bar")).hasSize(2 * 3).extracting(b -> b.getAttribute("data-group"))
                .containsOnly("exact_match", "token_f1");
    }

    @Test
    void theMetricTableHasEveryCellWithItsIntervalAndTheDeltaAgainstTheBaseline() throws Exception {
        Document doc = parse(report(comparison, List.of()));
        Element table = withClass(doc.getDocumentElement(), "table", "metrics").getFirst();
        List<Element> rows = list(table.getElementsByTagNameNS("*", "tbody").item(0).getChildNodes()).stream()
                .filter(n -> n.getLocalName() != null && n.getLocalName().equals("tr")).toList();
        assertThat(rows).hasSize(comparison.cells().size());
        Element geo = rows.stream().filter(r -> r.getAttribute("data-system").equals("geo")
                && r.getAttribute("data-metric").equals("exact_match")).findFirst().orElseThrow();
        List<String> cells = list(geo.getElementsByTagNameNS("*", "td")).stream().map(Element::getTextContent)
                .toList();
        var cell = comparison.cell("capitals", Metric.EXACT_MATCH, "geo");
        var d = cell.delta().orElseThrow();
        assertThat(cells).containsExactly("capitals", "exact_match", "geo", Verdict.meanText(cell.summary()),
                Verdict.deltaText(Metric.EXACT_MATCH, d), d.wins() + " / " + d.ties() + " / " + d.losses());
        assertThat(cells.get(4)).startsWith("+0.375 [");
        Element deltaCell = list(geo.getElementsByTagNameNS("*", "td")).get(4);
        assertThat(deltaCell.getAttribute("class").contains("better")).isEqualTo(d.significant());
        Element base = rows.getFirst();
        assertThat(list(base.getElementsByTagNameNS("*", "td")).get(4).getTextContent()).isEqualTo("baseline");
    }

    @Test
    void significantDeltasAreMarkedByClassAndSymbolInTheMetricsDirection() throws Exception {
        EvalResult decisive = BenchData.decisive();
        Element better = deltaCell(parse(report(Comparison.of(decisive, "base", 300, 5), List.of())), "geo");
        assertThat(better.getAttribute("class")).contains("better");
        assertThat(better.getTextContent()).isEqualTo("+1.000 [+1.000, +1.000] \u25B2");
        Element worse = deltaCell(parse(report(Comparison.of(decisive, "geo", 300, 5), List.of())), "base");
        assertThat(worse.getAttribute("class")).contains("worse");
        assertThat(worse.getTextContent()).isEqualTo("-1.000 [-1.000, -1.000] \u25BC");
    }

    private static Element deltaCell(Document doc, String system) {
        Element row = list(doc.getElementsByTagNameNS("*", "tr")).stream()
                .filter(r -> r.getAttribute("data-system").equals(system)
                        && r.getAttribute("data-metric").equals("exact_match")).findFirst().orElseThrow();
        return list(row.getElementsByTagNameNS("*", "td")).get(4);
    }

    @Test
    void hostileTextIsEscapedEverywhereAndNothingExternalOrScriptedIsIn() throws Exception {
        EvalResult hostile = BenchData.result(BenchData.SYSTEMS, HOSTILE);
        Comparison c = Comparison.of(hostile, "base", 200, 1);
        String html = HtmlReport.builder(c).title("Report \"<b>\" & more").generated(Instant.EPOCH)
                .examples(Examples.of(BenchData.suite(HOSTILE), hostile)).build().render();
        Document doc = parse(html);
        assertThat(html).doesNotContain("<script").doesNotContain("<link").doesNotContain("<img")
                .doesNotContain("src=").doesNotContain("href=").doesNotContain("\u0007");
        assertThat(doc.getElementsByTagNameNS("*", "script").getLength()).isZero();
        assertThat(doc.getElementsByTagNameNS("*", "title").item(0).getTextContent())
                .isEqualTo("Report \"<b>\" & more");
        Element c1 = withClass(doc.getDocumentElement(), "div", "example").getFirst();
        List<Element> pres = list(c1.getElementsByTagNameNS("*", "pre"));
        String expected = HOSTILE.replace('\u0007', '\uFFFD');
        assertThat(pres.getFirst().getTextContent()).isEqualTo(expected);
        Element tone = list(c1.getElementsByTagNameNS("*", "tr")).stream()
                .filter(r -> r.getAttribute("data-system").equals("tone")).findFirst().orElseThrow();
        assertThat(tone.getElementsByTagNameNS("*", "pre").item(0).getTextContent()).isEqualTo(expected);
    }

    @Test
    void outputsMarkTheTokensThatAreNotInTheReference() throws Exception {
        Document doc = parse(report(comparison, Examples.of(BenchData.suite(), result)));
        Element c8 = withClass(doc.getDocumentElement(), "div", "example").stream()
                .filter(e -> e.getAttribute("data-item").equals("c8")).findFirst().orElseThrow();
        Element base = list(c8.getElementsByTagNameNS("*", "tr")).stream()
                .filter(r -> r.getAttribute("data-system").equals("base")).findFirst().orElseThrow();
        assertThat(withClass(base, "span", "diff")).extracting(Element::getTextContent)
                .containsExactly("The capital is");
        assertThat(withClass(doc.getDocumentElement(), "div", "example")).hasSize(12);
    }

    @Test
    void writingIsAtomicAndGivesTheRenderedText() throws Exception {
        Path file = temp.resolve("report.html");
        HtmlReport r = HtmlReport.builder(comparison).generated(Instant.EPOCH).build();
        r.write(file);
        assertThat(Files.readString(file)).isEqualTo(r.render());
        try (var listing = Files.list(temp)) {
            assertThat(listing).containsExactly(file);
        }
    }

    private static String report(Comparison c, List<Example> examples) {
        return HtmlReport.builder(c).examples(examples).generated(Instant.EPOCH).build().render();
    }

    static Document parse(String html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setValidating(false);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        var builder = f.newDocumentBuilder();
        builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
            @Override
            public void error(org.xml.sax.SAXParseException e) throws org.xml.sax.SAXParseException {
                throw e;
            }
        });
        Document doc = builder.parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.w3.org/1999/xhtml");
        return doc;
    }

    private static List<Element> elements(Document doc, String name) {
        return list(doc.getElementsByTagNameNS("*", name));
    }

    private static List<Element> withClass(Element root, String name, String cls) {
        return list(root.getElementsByTagNameNS("*", name)).stream()
                .filter(e -> List.of(e.getAttribute("class").split(" ")).contains(cls)).toList();
    }

    private static List<Element> list(NodeList nodes) {
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }
}
