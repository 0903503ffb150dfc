package io.gigagate.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.util.RecyclerPool;
import io.gigagate.wire.WireJson;
import io.gigagate.support.GatewayTestSupport;
import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;

/**
 * What an open stream keeps per connection: Tomcat's socket buffers at 4 KB instead of 8, and JSON
 * buffers from one bounded pool instead of per (virtual) thread.
 */
class ConnectionBuffersTest extends GatewayTestSupport {

    @Autowired
    ServletWebServerApplicationContext context;

    @Test
    void tomcatSocketBuffersAreFourKilobytes() {
        Connector connector = ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector();

        assertThat(connector.getProperty("socket.appReadBufSize")).hasToString("4096");
        assertThat(connector.getProperty("socket.appWriteBufSize")).hasToString("4096");
    }

    @Test
    void jsonBuffersComeFromABoundedSharedPool() {
        RecyclerPool<?> pool = WireJson.mapper().getFactory()._getRecyclerPool();

        assertThat(pool).isInstanceOf(RecyclerPool.BoundedPoolBase.class);
        assertThat(((RecyclerPool.BoundedPoolBase<?>) pool).capacity()).isEqualTo(64);
    }
}
