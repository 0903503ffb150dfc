package io.gigagate.files;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;

/** Small images made on the spot, one colour each, so every call gives distinct content when asked to. */
public final class TestImages {

    private TestImages() {
    }

    public static byte[] png(int rgb) {
        return write(rgb, "png");
    }

    public static byte[] gif(int rgb) {
        return write(rgb, "gif");
    }

    public static byte[] webp() {
        try (InputStream in = TestImages.class.getResourceAsStream("/fixtures/files/gradient.webp")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String dataUrl(String mime, byte[] data) {
        return "data:" + mime + ";base64," + Base64.getEncoder().encodeToString(data);
    }

    private static byte[] write(int rgb, String format) {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 8; x++) {
            for (int y = 0; y < 8; y++) {
                image.setRGB(x, y, new Color(rgb).getRGB());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
