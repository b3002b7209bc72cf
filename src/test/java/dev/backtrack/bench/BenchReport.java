package dev.backtrack.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/** Writes the benchmark results: a Markdown report (medians, min/max, ratios vs goals, machine facts) and a PNG plot. */
final class BenchReport {
    private static final Color[] PALETTE = {new Color(0xff7a3d), new Color(0x1f77b4), new Color(0x2ca02c), new Color(0x9467bd),
            new Color(0x8c564b), new Color(0xd62728), new Color(0x17becf), new Color(0xe377c2)};

    private BenchReport() {
    }

    static void write(BenchConfig config, List<Measurement> measurements, List<Ratio> ratios, List<String> notes) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Backtrack benchmarks\n\n");
        md.append("Written by the benchmark suite (`./backtrack-bench").append(config.quick() ? " --quick" : "")
                .append("`), not by hand. Every ratio compares medians measured in the same run on the same broker.\n\n");
        md.append("## Machine\n\n");
        md.append("| fact | value |\n|---|---|\n");
        md.append("| date | ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append(" |\n");
        md.append("| cores | ").append(Runtime.getRuntime().availableProcessors()).append(" |\n");
        md.append("| memory | ").append(totalMemoryGiB()).append(" GiB |\n");
        md.append("| JVM | ").append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.version")).append(" |\n");
        md.append("| OS | ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version")).append(" |\n");
        md.append("| mode | ").append(config.quick() ? "quick" : "full").append(", ").append(config.runs()).append(" runs per contender |\n");
        md.append("| broker | Kafka 4.3.1 KRaft single node, child JVM on loopback; Apicurio Registry 3.3.3 |\n");
        md.append("| Backtrack CLI | ").append(CliLaunch.describe()).append(" |\n\n");
        md.append("## Ratios against the goals\n\n");
        md.append("| goal | ratio (> 1 = Backtrack faster) | goal | met | issue |\n|---|---|---|---|---|\n");
        for (Ratio r : ratios) {
            md.append(String.format(Locale.ROOT, "| %s | %s | ≥ %.2f | %s | %s |%n", cell(r.name()), r.shown(), r.goal(),
                    r.meetsGoal() ? "yes" : "**no**", r.source()));
        }
        md.append("\n## Measurements (median, min, max over runs)\n\n");
        String scenario = null;
        for (Measurement m : measurements) {
            if (!m.scenario.equals(scenario)) {
                scenario = m.scenario;
                md.append("\n### ").append(scenario).append("\n\n| contender | median | min | max | unit | runs |\n|---|---|---|---|---|---|\n");
            }
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %d |%n", cell(m.contender), fmt(m.median()), fmt(m.min()), fmt(m.max()),
                    m.unit, m.values.size()));
        }
        if (!notes.isEmpty()) {
            md.append("\n## Notes\n\n");
            notes.forEach(n -> md.append("- ").append(n).append('\n'));
        }
        md.append("\n![throughput per run](").append(config.plotFile().getFileName()).append(")\n");
        Files.createDirectories(config.reportFile().toAbsolutePath().getParent());
        Files.writeString(config.reportFile(), md.toString());
        plot(config.plotFile(), measurements.stream().filter(m -> m.unit.equals("records/s") && (m.scenario.startsWith("replay")
                || m.scenario.startsWith("bulk redrive") || m.scenario.startsWith("filtered search"))).toList());
    }

    /** A table cell's text: a pipe (as in "kcat -C | kcat -P") would end the cell. */
    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    private static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static long totalMemoryGiB() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return Math.round(sun.getTotalMemorySize() / (1024.0 * 1024 * 1024));
        }
        return -1;
    }

    /** A line chart of throughput per run, one line per contender. */
    static void plot(Path file, List<Measurement> series) throws IOException {
        int w = 1000;
        int h = 520;
        int left = 90;
        int right = 330;
        int top = 50;
        int bottom = 60;
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString("Throughput per run (records/s)", left, 30);
        double max = series.stream().flatMap(m -> m.values.stream()).mapToDouble(Double::doubleValue).max().orElse(1) * 1.1;
        int runs = series.stream().mapToInt(m -> m.values.size()).max().orElse(1);
        int plotW = w - left - right;
        int plotH = h - top - bottom;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int i = 0; i <= 5; i++) {
            int y = top + plotH - plotH * i / 5;
            g.setColor(new Color(0xdddddd));
            g.drawLine(left, y, left + plotW, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(Locale.ROOT, "%,.0f", max * i / 5), 10, y + 4);
        }
        for (int r = 0; r < runs; r++) {
            int x = left + (runs == 1 ? plotW / 2 : plotW * r / (runs - 1));
            g.drawString("run " + (r + 1), x - 15, top + plotH + 20);
        }
        for (int s = 0; s < series.size(); s++) {
            Measurement m = series.get(s);
            g.setColor(PALETTE[s % PALETTE.length]);
            g.setStroke(new BasicStroke(m.scenario.startsWith("replay") ? 2.5f : 2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND,
                    10, m.scenario.startsWith("replay") ? null : new float[] {6, 4}, 0));
            int px = -1;
            int py = -1;
            for (int r = 0; r < m.values.size(); r++) {
                int x = left + (runs == 1 ? plotW / 2 : plotW * r / (runs - 1));
                int y = top + plotH - (int) (plotH * m.values.get(r) / max);
                g.fillOval(x - 4, y - 4, 8, 8);
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                px = x;
                py = y;
            }
            String label = m.scenario.startsWith("replay") ? "replay: " : m.scenario.startsWith("bulk redrive") ? "redrive: " : "search: ";
            g.drawString(label + shorten(m.contender), left + plotW + 15, top + 20 + s * 22);
        }
        g.dispose();
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(image, "png", file.toFile());
    }

    private static String shorten(String s) {
        return s.length() > 38 ? s.substring(0, 37) + "…" : s;
    }
}
