package io.gigagate.emulator;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Draws a small JPEG for the built-in text2image function; colours depend on the prompt. */
final class ImageMaker {

    static final int SIZE = 64;

    private ImageMaker() {
    }

    static byte[] jpeg(String prompt) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        int h = prompt == null ? 0 : prompt.hashCode();
        BufferedImage img = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            Color sky = new Color(0x40 + ((h >>> 16) & 0x7F), 0x60 + ((h >>> 8) & 0x7F), 0xC0 + (h & 0x3F));
            g.setPaint(new GradientPaint(0, 0, sky, 0, SIZE, Color.WHITE));
            g.fillRect(0, 0, SIZE, SIZE);
            g.setColor(new Color(0x2E, 0x8B, 0x57));
            g.fillRect(0, SIZE * 3 / 4, SIZE, SIZE / 4);
            g.setColor(Color.ORANGE);
            g.fillOval(SIZE / 2 + (h & 7), 6, 18, 18);
            g.setColor(new Color(0x8B, 0x45, 0x13));
            g.setStroke(new BasicStroke(2f));
            g.drawRect(10, 30, 22, 18);
            g.drawLine(10, 30, 21, 20);
            g.drawLine(21, 20, 32, 30);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, "jpg", out)) {
                throw new IOException("no JPEG writer available");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
