package io.gigagate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CommandLineFlagsTest {

    @Test
    void seedFlagsWithSeparateValuesBecomeProperties() {
        assertThat(CommandLineFlags.toSpringArguments(new String[] {
            "--host", "0.0.0.0", "--port", "9000", "--model", "GigaChat-2-Max", "--base-url", "https://x/api/v1",
            "--timeout", "45", "--embeddings", "Embeddings", "--env-path", "/etc/gg.env"}))
                .containsExactly("--gpt2giga.host=0.0.0.0", "--gpt2giga.port=9000", "--gigachat.model=GigaChat-2-Max",
                        "--gigachat.base-url=https://x/api/v1", "--gigachat.timeout=45",
                        "--gpt2giga.embeddings=Embeddings", "--gpt2giga.env-path=/etc/gg.env");
    }

    @Test
    void switchesNeedNoValueButAcceptOne() {
        assertThat(CommandLineFlags.toSpringArguments(new String[] {
            "--verbose", "--pass-model", "false", "--pass-token=true", "--verify-ssl-certs", "false", "--emulator"}))
                .containsExactly("--gpt2giga.verbose=true", "--gpt2giga.pass-model=false", "--gpt2giga.pass-token=true",
                        "--gigachat.verify-ssl-certs=false", "--gigagate.emulator=true");
    }

    @Test
    void mtlsFlagsMapToGigaChatCertificateSettings() {
        assertThat(CommandLineFlags.toSpringArguments(new String[] {
            "--mtls-auth", "--mtls-ca-cert-path", "ca.pem", "--mtls-cert-file-path=c.pem", "--mtls-key-file-path", "k.pem"}))
                .containsExactly("--gigachat.mtls-auth=true", "--gigachat.ca-bundle-file=ca.pem",
                        "--gigachat.cert-file=c.pem", "--gigachat.key-file=k.pem");
    }

    @Test
    void gpt2gigaGroupedFlagsAndSpringPropertiesPassThrough() {
        assertThat(CommandLineFlags.toSpringArguments(new String[] {
            "--proxy.port", "8091", "--proxy.pass-token", "--gigachat.scope=GIGACHAT_API_CORP", "--server.port=1"}))
                .containsExactly("--gpt2giga.port=8091", "--gpt2giga.pass-token=true",
                        "--gigachat.scope=GIGACHAT_API_CORP", "--server.port=1");
    }

    @Test
    void groupedFlagsTakeASeparateValueToo() {
        assertThat(CommandLineFlags.toSpringArguments(new String[] {
            "--gigachat.model", "GigaChat-2", "--gpt2giga.verbose", "--gigagate.emulator=true"}))
                .containsExactly("--gigachat.model=GigaChat-2", "--gpt2giga.verbose=true", "--gigagate.emulator=true");
    }

    @Test
    void aValueFlagWithoutValueIsAClearError() {
        assertThatThrownBy(() -> CommandLineFlags.toSpringArguments(new String[] {"--port"}))
                .hasMessageContaining("--port needs a value");
    }
}
