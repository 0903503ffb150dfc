package io.gigagate.files;

import io.gigagate.error.GatewayException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * Images as GigaChat takes them: JPEG, PNG, TIFF and BMP go as they are; webp and gif (which GigaChat
 * refuses) are decoded (TwelveMonkeys' webp reader, the JDK's gif reader) and sent as PNG; anything
 * that is no image is a 400.
 */
public final class ImageConversion {

    private ImageConversion() {
    }

    /** @param at the content part, for the error */
    public static PartBytes forGigaChat(byte[] data, String at) {
        String type = ContentSniffer.imageType(data);
        if (type == null) {
            throw undecodable(at, "it is not a JPEG, PNG, GIF, WebP, BMP or TIFF image");
        }
        if (!type.equals("image/webp") && !type.equals("image/gif")) {
            return new PartBytes(data, type, null);
        }
        return new PartBytes(toPng(data, at), "image/png", null);
    }

    private static byte[] toPng(byte[] data, String at) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(data));
            if (image == null) {
                throw undecodable(at, "no reader could decode it");
            }
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            if (!ImageIO.write(image, "png", png)) {
                throw new IOException("no PNG writer");
            }
            return png.toByteArray();
        } catch (IOException | RuntimeException e) {
            if (e instanceof GatewayException g) {
                throw g;
            }
            throw undecodable(at, "it could not be decoded");
        }
    }

    private static GatewayException undecodable(String at, String why) {
        return GatewayException.invalidRequest("Invalid image in '" + at + "': " + why + ".", at, "invalid_image");
    }
}
