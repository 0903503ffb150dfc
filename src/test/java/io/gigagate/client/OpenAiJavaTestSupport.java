package io.gigagate.client;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import io.gigagate.support.GatewayTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A gateway test driven through the official openai-java client, pointed at the gateway's /v1. */
abstract class OpenAiJavaTestSupport extends GatewayTestSupport {

    /** A fresh client per test; no retries, so every failure shows as it happened. */
    protected OpenAIClient client;

    @BeforeEach
    void openClient() {
        client = OpenAIOkHttpClient.builder().baseUrl(url("/v1")).apiKey("sk-unused").maxRetries(0).build();
    }

    @AfterEach
    void closeClient() {
        client.close();
    }
}
