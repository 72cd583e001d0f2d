package dev.modelfactory.studio.charts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** A 100,000-point curve: drawing is bounded by the pixel width, zoom keeps every stored point, hover reads. */
@ExtendWith(ApplicationExtension.class)
class CurveChartTest {

    @TempDir
    Path dir;

    @Test
    void drawsAboutTwoPointsPerPixelOfAHundredThousandAndKeepsThemAll(FxRobot robot) throws Exception {
        ChartSeries s = new ChartSeries("#1", Color.STEELBLUE);
        Random r = new Random(1);
        for (int i = 0; i < 100_000; i++) {
            s.add(i, 3 * Math.exp(-i / 20_000.0) + 0.2 * r.nextGaussian() + 0.5);
        }
        CurveChart chart = new CurveChart("Training loss");
        robot.interact(() -> {
            new Scene(new StackPane(chart), 672, 240); // plot area 600 px wide (58 left + 14 right margins)
            chart.getParent().applyCss();
            chart.getParent().layout();
            chart.setSeries(List.of(s));
        });
        int bound = 2 * (2 * 600) + 4; // raw + smoothed, each at most 2 per pixel (+ an edge point each side)
        assertThat(fx(chart::drawnPoints)).isBetween(1_000, bound);

        double millis = fx(() -> {
            long t0 = System.nanoTime();
            for (int k = 0; k < 50; k++) {
                chart.zoomTo(k * 1_000, k * 1_000 + 50_000); // pan across half the data
            }
            return (System.nanoTime() - t0) / 1e6 / 50;
        });
        // a figure for the report, not an assertion (no timed assertions in unit tests)
        System.out.printf("CurveChart: 50 pans of a 50,000-point window of 100,000 points: %.1f ms per redraw%n", millis);
        assertThat(fx(chart::drawnPoints)).isBetween(1_000, bound);
        assertThat(s.size()).isEqualTo(100_000);

        robot.interact(() -> chart.zoomTo(1_000, 1_100));
        assertThat(fx(chart::drawnPoints)).isBetween(2 * 100, 2 * 103); // every stored point of the window
        robot.interact(() -> chart.hover(58 + 300)); // the middle of the plot: x = 1050
        assertThat(fx(chart::readout)).singleElement().asString().startsWith("#1: ").endsWith("@ 1050");
        robot.interact(chart::resetZoom);

        Path png = dir.resolve("chart.png");
        robot.interact(() -> {
            try {
                chart.exportPng(png);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(Files.size(png)).isGreaterThan(1_000);
    }

    @Test
    void logScaleDropsNonPositiveValuesFromDrawingOnly(FxRobot robot) throws Exception {
        ChartSeries s = new ChartSeries("lr", Color.ORANGE);
        double[] ys = {0, 1e-5, 1e-4, 1e-3, -1};
        for (int i = 0; i < ys.length; i++) {
            s.add(i, ys[i]);
        }
        CurveChart chart = new CurveChart("Learning rate");
        robot.interact(() -> {
            new Scene(new StackPane(chart), 400, 200);
            chart.getParent().applyCss();
            chart.getParent().layout();
            chart.smoothingProperty().set(0);
            chart.setSeries(List.of(s));
            chart.logScaleProperty().set(true);
        });
        assertThat(fx(chart::drawnPoints)).isEqualTo(3);
        robot.interact(() -> chart.logScaleProperty().set(false));
        assertThat(fx(chart::drawnPoints)).isEqualTo(5);
        assertThat(s.size()).isEqualTo(5);
    }

    private static <T> T fx(java.util.concurrent.Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get();
    }
}
