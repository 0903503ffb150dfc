package io.gigagate.client;

import io.gigagate.support.OpenAiJavaTestSupport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.core.http.HttpResponse;
import com.openai.errors.NotFoundException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileDeleted;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;
import com.openai.core.MultipartField;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** /v1/files through openai-java: upload, list, retrieve, content, use in chat, delete. */
class OpenAiJavaFilesTest extends OpenAiJavaTestSupport {


    @Test
    void aFileMakesTheWholeRoundTrip() throws Exception {
        byte[] notes = "GigaGate notes: files round trip.".getBytes(StandardCharsets.UTF_8);
        FileObject created = client.files().create(FileCreateParams.builder()
                .file(MultipartField.<InputStream>builder().value(new ByteArrayInputStream(notes))
                        .filename("notes.txt").contentType("text/plain").build())
                .purpose(FilePurpose.USER_DATA).build());
        created.validate();
        assertThat(created.filename()).isEqualTo("notes.txt");
        assertThat(created.bytes()).isEqualTo(notes.length);
        assertThat(EMULATOR.lastRequest("/files").bodyAsString()).contains("name=\"purpose\"").contains("general");

        FileObject retrieved = client.files().retrieve(created.id());
        retrieved.validate();
        assertThat(retrieved.id()).isEqualTo(created.id());

        List<FileObject> listed = client.files().list().data();
        listed.forEach(FileObject::validate);
        assertThat(listed).extracting(FileObject::id).contains(created.id());

        try (HttpResponse content = client.files().content(created.id())) {
            assertThat(content.body().readAllBytes()).isEqualTo(notes);
        }

        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("GigaChat-2-Max")
                .addUserMessageOfArrayOfContentParts(List.of(
                        ChatCompletionContentPart.ofText(ChatCompletionContentPartText.builder().text("Summarise").build()),
                        ChatCompletionContentPart.ofFile(ChatCompletionContentPart.File.builder()
                                .file(ChatCompletionContentPart.File.FileObject.builder().fileId(created.id()).build())
                                .build())))
                .build());
        completion.validate();
        JsonNode sent = EMULATOR.lastRequest("/chat/completions").chat().at("/messages/0");
        assertThat(sent.get("attachments").get(0).asText()).isEqualTo(created.id());

        FileDeleted deleted = client.files().delete(created.id());
        deleted.validate();
        assertThat(deleted.deleted()).isTrue();
        assertThat(deleted.id()).isEqualTo(created.id());
        assertThat(EMULATOR.lastRequest("/delete").method()).isEqualTo("POST");
        assertThatThrownBy(() -> client.files().retrieve(created.id())).isInstanceOf(NotFoundException.class);
    }
}
