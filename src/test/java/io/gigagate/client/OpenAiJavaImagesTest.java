package io.gigagate.client;

import io.gigagate.support.OpenAiJavaTestSupport;
import static org.assertj.core.api.Assertions.assertThat;

import com.openai.models.images.ImageGenerateParams;
import com.openai.models.images.ImageModel;
import com.openai.models.images.ImagesResponse;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** openai-java's image generation through the gateway. */
class OpenAiJavaImagesTest extends OpenAiJavaTestSupport {


    @Test
    void aGeneratedImageIsADecodableJpeg() throws Exception {
        ImagesResponse response = client.images().generate(ImageGenerateParams.builder()
                .model(ImageModel.DALL_E_3)
                .prompt("a watercolour of the Moscow river")
                .size(ImageGenerateParams.Size._1024X1024)
                .quality(ImageGenerateParams.Quality.STANDARD)
                .responseFormat(ImageGenerateParams.ResponseFormat.B64_JSON)
                .build());

        response.validate();
        byte[] jpeg = Base64.getDecoder().decode(response.data().orElseThrow().get(0).b64Json().orElseThrow());
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isPositive();
        assertThat(ImageIO.getImageReaders(ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))).next()
                .getFormatName()).isEqualToIgnoringCase("jpeg");
    }

    @Test
    void twoImagesByUrl() {
        ImagesResponse response = client.images().generate(ImageGenerateParams.builder()
                .model(ImageModel.DALL_E_2)
                .prompt("two suns")
                .n(2)
                .build());

        response.validate();
        assertThat(response.data().orElseThrow()).hasSize(2)
                .allSatisfy(image -> assertThat(image.url()).hasValueSatisfying(
                        u -> assertThat(u).contains("/v1/images/content/")));
    }
}
