package io.gigagate.support;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A gateway test driven through the official openai-java client, pointed at the gateway's /v1. */
public abstract class OpenAiJavaTestSupport extends GatewayTestSupport {

    /** A fresh client per test; no retries, so every failure shows as it happened. */
    protected OpenAIClient client;

    @BeforeEach
    protected void openClient() {
        client = OpenAIOkHttpClient.builder().baseUrl(url("/v1")).apiKey("sk-unused").maxRetries(0).build();
    }

    @AfterEach
    protected void closeClient() {
        client.close();
    }
}
