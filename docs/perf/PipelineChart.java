import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.imageio.ImageIO;

/**
 * Draws requests per second against pipeline depth, one line per server through the medians, with a bar from the
 * slowest to the fastest round, from a CSV of measurements ({@code server,depth,min,median,max}). Needs only a JDK:
 * {@code java docs/perf/PipelineChart.java IN.csv OUT.png}.
 */
public final class PipelineChart {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;
    private static final int LEFT = 100;
    private static final int RIGHT = 200;
    private static final int TOP = 60;
    private static final int BOTTOM = 70;
    private static final Color[] COLORS = {new Color(0xd62728), new Color(0x1f77b4), new Color(0x2ca02c),
        new Color(0x9467bd)};

    public static void main(String[] args) throws IOException {
        Map<String, Map<Integer, double[]>> series = new LinkedHashMap<>();
        TreeSet<Integer> depths = new TreeSet<>();
        List<String> lines = Files.readAllLines(Path.of(args[0]));
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            int depth = Integer.parseInt(cells[1].trim());
            double[] spread = {Double.parseDouble(cells[2]), Double.parseDouble(cells[3]), Double.parseDouble(cells[4])};
            series.computeIfAbsent(cells[0].trim(), k -> new LinkedHashMap<>()).put(depth, spread);
            depths.add(depth);
        }
        double max = series.values().stream().flatMap(m -> m.values().stream()).mapToDouble(d -> d[2]).max().orElse(1);
        double top = niceCeiling(max);

        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.setColor(Color.BLACK);
        g.drawString("Requests per second against pipeline depth (50 connections, loopback, 2 cores)", LEFT, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString("line through the median of the rounds; bars from the slowest to the fastest round", LEFT, 48);

        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        List<Integer> xs = new ArrayList<>(depths);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int i = 0; i <= 5; i++) {
            int y = TOP + plotHeight - i * plotHeight / 5;
            g.setColor(new Color(0xdddddd));
            g.drawLine(LEFT, y, LEFT + plotWidth, y);
            g.setColor(Color.BLACK);
            String label = String.format("%,.0f", top * i / 5);
            g.drawString(label, LEFT - 10 - g.getFontMetrics().stringWidth(label), y + 4);
        }
        for (int i = 0; i < xs.size(); i++) {
            int x = xFor(i, xs.size(), plotWidth);
            g.drawString(String.valueOf(xs.get(i)), x - 4, TOP + plotHeight + 20);
        }
        g.drawString("pipeline depth (requests in flight per connection)", LEFT + plotWidth / 2 - 140, HEIGHT - 25);
        g.drawRect(LEFT, TOP, plotWidth, plotHeight);
        Graphics2D vertical = (Graphics2D) g.create();
        vertical.rotate(-Math.PI / 2);
        vertical.drawString("requests per second (all connections)", -(TOP + plotHeight / 2 + 110), 25);
        vertical.dispose();

        int index = 0;
        for (Map.Entry<String, Map<Integer, double[]>> entry : series.entrySet()) {
            Color color = COLORS[index % COLORS.length];
            g.setColor(color);
            g.setStroke(new BasicStroke(2.5f));
            int previousX = -1;
            int previousY = -1;
            for (int i = 0; i < xs.size(); i++) {
                double[] spread = entry.getValue().get(xs.get(i));
                if (spread == null) {
                    continue;
                }
                int x = xFor(i, xs.size(), plotWidth);
                int y = yFor(spread[1], top, plotHeight);
                g.fillOval(x - 4, y - 4, 8, 8);
                g.setStroke(new BasicStroke(1.5f));
                g.drawLine(x, yFor(spread[0], top, plotHeight), x, yFor(spread[2], top, plotHeight));
                g.drawLine(x - 6, yFor(spread[0], top, plotHeight), x + 6, yFor(spread[0], top, plotHeight));
                g.drawLine(x - 6, yFor(spread[2], top, plotHeight), x + 6, yFor(spread[2], top, plotHeight));
                g.setStroke(new BasicStroke(2.5f));
                if (previousX >= 0) {
                    g.drawLine(previousX, previousY, x, y);
                }
                previousX = x;
                previousY = y;
            }
            int legendY = TOP + 20 + index * 24;
            g.fillRect(LEFT + plotWidth + 20, legendY - 10, 14, 14);
            g.setColor(Color.BLACK);
            g.drawString(entry.getKey(), LEFT + plotWidth + 42, legendY + 2);
            index++;
        }
        ImageIO.write(image, "png", new File(args[1]));
    }

    private static int xFor(int index, int count, int plotWidth) {
        return LEFT + 30 + index * (plotWidth - 60) / Math.max(1, count - 1);
    }

    private static int yFor(double rps, double top, int plotHeight) {
        return TOP + plotHeight - (int) Math.round(rps / top * plotHeight);
    }

    private static double niceCeiling(double value) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= value) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }
}
