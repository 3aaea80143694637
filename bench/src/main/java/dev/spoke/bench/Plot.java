package dev.spoke.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/** Draws W4 as four small bar charts (events/s and peak RSS, against N and against users). */
final class Plot {
  private static final int W = 960;
  private static final int H = 640;
  private static final Color SPOKE = new Color(0x2b6cb0);
  private static final Color PEER = new Color(0x999999);

  private Plot() {}

  static void w4(List<Report.W4Point> points, Summary peer, Path file) throws IOException {
    System.setProperty("java.awt.headless", "true");
    BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, W, H);
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
      g.drawString("W4: Spoke as the work grows (grey: Segment at W1's point)", 16, 22);
      List<Report.W4Point> byN = points.stream().filter(p -> p.axis().equals("n")).toList();
      List<Report.W4Point> byU = points.stream().filter(p -> p.axis().equals("users")).toList();
      int pw = W / 2;
      int ph = (H - 40) / 2;
      panel(
          g,
          0,
          40,
          pw,
          ph,
          "events/s vs N (" + users(byN) + " users)",
          byN,
          p -> p.spoke().eventsPerSec() == null ? 0 : p.spoke().eventsPerSec(),
          p -> "N=" + compact(p.n()),
          peer == null || peer.eventsPerSec() == null ? null : peer.eventsPerSec(),
          "Segment N=" + compact(peer == null ? 0 : peer.n()));
      panel(
          g,
          pw,
          40,
          pw,
          ph,
          "peak RSS MB vs N",
          byN,
          p -> p.spoke().peakRssMb(),
          p -> "N=" + compact(p.n()),
          peer == null ? null : peer.peakRssMb(),
          "Segment N=" + compact(peer == null ? 0 : peer.n()));
      panel(
          g,
          0,
          40 + ph,
          pw,
          ph,
          "events/s vs distinct users (N=" + n(byU) + ")",
          byU,
          p -> p.spoke().eventsPerSec() == null ? 0 : p.spoke().eventsPerSec(),
          p -> compact(p.users()) + " users",
          null,
          null);
      panel(
          g,
          pw,
          40 + ph,
          pw,
          ph,
          "peak RSS MB vs distinct users",
          byU,
          p -> p.spoke().peakRssMb(),
          p -> compact(p.users()) + " users",
          null,
          null);
    } finally {
      g.dispose();
    }
    ImageIO.write(img, "png", file.toFile());
  }

  private static void panel(
      Graphics2D g,
      int x,
      int y,
      int w,
      int h,
      String title,
      List<Report.W4Point> pts,
      ToDoubleFunction<Report.W4Point> value,
      java.util.function.Function<Report.W4Point, String> label,
      Double peerValue,
      String peerLabel) {
    int left = x + 60;
    int top = y + 30;
    int bottom = y + h - 40;
    int right = x + w - 20;
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    g.drawString(title, x + 16, y + 18);
    int bars = pts.size() + (peerValue == null ? 0 : 1);
    if (bars == 0) {
      g.drawString("no data", left, (top + bottom) / 2);
      return;
    }
    double max = peerValue == null ? 0 : peerValue;
    for (Report.W4Point p : pts) {
      max = Math.max(max, value.applyAsDouble(p));
    }
    max = max <= 0 ? 1 : max * 1.15;
    g.setStroke(new BasicStroke(1f));
    g.drawLine(left, bottom, right, bottom);
    g.drawLine(left, top, left, bottom);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    for (int k = 0; k <= 4; k++) {
      double v = max * k / 4;
      int yy = bottom - (int) ((bottom - top) * k / 4.0);
      g.setColor(new Color(0xeeeeee));
      g.drawLine(left + 1, yy, right, yy);
      g.setColor(Color.DARK_GRAY);
      g.drawString(compact(v), x + 8, yy + 4);
    }
    int slot = (right - left) / bars;
    int bw = Math.max(8, slot / 2);
    int i = 0;
    for (Report.W4Point p : pts) {
      bar(
          g,
          left + i * slot + (slot - bw) / 2,
          bw,
          bottom,
          top,
          value.applyAsDouble(p),
          max,
          label.apply(p),
          SPOKE);
      i++;
    }
    if (peerValue != null) {
      bar(g, left + i * slot + (slot - bw) / 2, bw, bottom, top, peerValue, max, peerLabel, PEER);
    }
  }

  private static void bar(
      Graphics2D g,
      int bx,
      int bw,
      int bottom,
      int top,
      double v,
      double max,
      String label,
      Color c) {
    int bh = (int) ((bottom - top) * (v / max));
    g.setColor(c);
    g.fillRect(bx, bottom - bh, bw, bh);
    g.setColor(Color.BLACK);
    g.drawString(compact(v), bx, bottom - bh - 4);
    g.drawString(label, bx - 6, bottom + 16);
  }

  private static String users(List<Report.W4Point> pts) {
    return pts.isEmpty() ? "-" : compact(pts.get(0).users());
  }

  private static String n(List<Report.W4Point> pts) {
    return pts.isEmpty() ? "-" : compact(pts.get(0).n());
  }

  static String compact(double v) {
    if (v >= 1e6) {
      return String.format(Locale.ROOT, "%.1fM", v / 1e6);
    }
    if (v >= 1e3) {
      return String.format(Locale.ROOT, "%.0fk", v / 1e3);
    }
    return String.format(Locale.ROOT, "%.0f", v);
  }
}
