package dev.modelfactory.studio.wallet;

import dev.modelfactory.ledger.wallet.Identicon;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

/** An address's identicon drawn from the ledger's {@link Identicon} data: 8x8 cells, three colours. */
public final class IdenticonView extends Canvas {

    public IdenticonView(Identicon icon, double size) {
        super(size, size);
        GraphicsContext g = getGraphicsContext2D();
        double cell = size / Identicon.SIZE;
        g.setFill(rgb(icon.backgroundRgb()));
        g.fillRect(0, 0, size, size);
        for (int row = 0; row < Identicon.SIZE; row++) {
            for (int col = 0; col < Identicon.SIZE; col++) {
                int v = icon.cell(row, col);
                if (v == 0) {
                    continue;
                }
                g.setFill(rgb(v == 1 ? icon.foregroundRgb() : icon.accentRgb()));
                g.fillRect(col * cell, row * cell, cell, cell);
            }
        }
        getStyleClass().add("identicon");
    }

    private static Color rgb(int rgb) {
        return Color.rgb((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff);
    }
}
