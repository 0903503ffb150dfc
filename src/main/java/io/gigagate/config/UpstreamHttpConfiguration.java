package io.gigagate.config;

import io.gigagate.camel.GatewayBeans;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The pooled HttpClient 5 connection manager camel-http uses for every call to GigaChat: sized from
 * configuration (camel-http's default of 20 per route throttles a gateway whose every call goes to one
 * host), with the TLS set-up and timeouts from gpt2giga's settings. application.yaml hands it to the
 * http and https components ({@code camel.component.http.client-connection-manager}) and turns off
 * HttpClient's own retries, which would silently repeat a POST on 429/503: retrying is the gateway's
 * decision.
 */
@Configuration(proxyBeanMethods = false)
public class UpstreamHttpConfiguration {

    /**
     * Each pooled connection holds three buffers of this size (input, line, output). GigaChat's events and
     * answers are small, and an open stream keeps its connection: HttpClient's 8 KB made 24 KB per
     * stream, this 12.
     */
    static final int CONNECTION_BUFFER_SIZE = 4096;

    @Bean(name = "gigaChatConnectionManager", destroyMethod = "close")
    PoolingHttpClientConnectionManager gigaChatConnectionManager(GigaChatProperties gigachat, Gpt2GigaProperties gpt2giga,
            GigaGateProperties gigagate) {
        GigaGateProperties.Upstream upstream = gigagate.upstream();
        Timeout readTimeout = Timeout.ofMilliseconds(readTimeoutMillis(gigachat, gpt2giga, gigagate));
        return PoolingHttpClientConnectionManagerBuilder.create()
                .setTlsSocketStrategy(UpstreamTls.strategy(gigachat))
                .setConnectionFactory(ManagedHttpClientConnectionFactory.builder()
                        .http1Config(Http1Config.custom().setBufferSize(CONNECTION_BUFFER_SIZE).build())
                        .build())
                .setMaxConnTotal(upstream.maxConnections())
                .setMaxConnPerRoute(upstream.maxConnections())
                .setDefaultSocketConfig(SocketConfig.custom().setTcpNoDelay(true).setSoTimeout(readTimeout).build())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(upstream.connectTimeout()))
                        .setSocketTimeout(readTimeout)
                        .setValidateAfterInactivity(2, TimeUnit.SECONDS)
                        .build())
                .build();
    }

    /** GIGACHAT_TIMEOUT, else the legacy GPT2GIGA_TIMEOUT (both seconds), else gigagate.upstream.read-timeout. */
    static long readTimeoutMillis(GigaChatProperties gigachat, Gpt2GigaProperties gpt2giga, GigaGateProperties gigagate) {
        return GatewayBeans.upstreamReadTimeoutMillis(gigachat.timeout(), gpt2giga.timeout(),
                gigagate.upstream().readTimeout());
    }
}
