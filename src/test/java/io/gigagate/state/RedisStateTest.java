package io.gigagate.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gigagate.support.RedisServer;
import io.lettuce.core.ScriptOutputType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RedisStateTest {

    private static RedisServer server;

    @BeforeAll
    static void startRedis() throws Exception {
        server = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        server.close();
    }

    private static RedisState connect(SimpleMeterRegistry registry) {
        return server.connect("test:", Duration.ofMillis(500), registry);
    }

    @Test
    void keysCarryThePrefixAndTheHashTag() {
        try (RedisState redis = connect(new SimpleMeterRegistry())) {
            assertThat(redis.key("model:GigaChat", "slots")).isEqualTo("test:{model:GigaChat}:slots");
            assertThat(redis.key(null, "resp", "abc")).isEqualTo("test::resp:abc");
            redis.call(c -> c.set(redis.key(null, "k"), "v"));
            assertThat(server.command("GET test::k")).isEqualTo("$1");
        }
    }

    @Test
    void aScriptSurvivesARestartedServerThatForgotIt() throws Exception {
        String script = "return redis.call('INCR', KEYS[1])";
        try (RedisState redis = connect(new SimpleMeterRegistry())) {
            Long first = redis.eval(script, ScriptOutputType.INTEGER, new String[] {redis.key(null, "n")});
            assertThat(first).isEqualTo(1L);
            server.command("SCRIPT FLUSH");
            Long second = redis.eval(script, ScriptOutputType.INTEGER, new String[] {redis.key(null, "n")});
            assertThat(second).isEqualTo(2L);
        }
    }

    @Test
    void whileRedisIsDownCallsFailFastAndWithoutThePasswordThenRecoverByThemselves() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (RedisState redis = connect(registry)) {
            assertThat((String) redis.call(c -> c.ping())).isEqualTo("PONG");
            server.kill();
            int refusals = 0;
            for (int i = 0; i < 6; i++) {
                try {
                    redis.call(c -> c.ping());
                } catch (StateUnavailableException e) {
                    refusals++;
                    assertThat(e.getMessage()).doesNotContain(RedisServer.PASSWORD);
                    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                        assertThat(String.valueOf(cause.getMessage())).doesNotContain(RedisServer.PASSWORD);
                    }
                }
            }
            assertThat(refusals).isEqualTo(6);
            assertThat(redis.available()).isFalse();
            assertThat(registry.get("gigagate.state.redis.available").gauge().value()).isZero();
            assertThat(registry.get("gigagate.state.redis.failures").counter().count()).isGreaterThanOrEqualTo(6);
            assertThat(redis.details()).containsEntry("redis.available", false);

            server.restart();
            assertThat(awaitPong(redis)).isEqualTo("PONG");
            assertThat(redis.available()).isTrue();
        }
    }

    @Test
    void aGatewayStartedBeforeItsRedisConnectsWhenRedisComesUp() throws Exception {
        server.kill();
        try (RedisState redis = connect(new SimpleMeterRegistry())) {
            assertThatThrownBy(() -> redis.call(c -> c.ping())).isInstanceOf(StateUnavailableException.class);
            server.restart();
            assertThat(awaitPong(redis)).isEqualTo("PONG");
        } finally {
            server.restart();
        }
    }

    /** PING until Redis answers again through this connection (it retries every couple of seconds). */
    private static String awaitPong(RedisState redis) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                return redis.call(c -> c.ping());
            } catch (StateUnavailableException e) {
                Thread.sleep(200);
            }
        }
        return null;
    }

    @Test
    void theModeIsMemoryOrRedisAndNothingElse() {
        assertThat(SharedState.isRedisMode(null)).isFalse();
        assertThat(SharedState.isRedisMode("memory")).isFalse();
        assertThat(SharedState.isRedisMode("Redis")).isTrue();
        assertThatThrownBy(() -> SharedState.isRedisMode("etcd")).hasMessageContaining("GIGAGATE_STATE");
        assertThatThrownBy(() -> new RedisState.Settings(List.of(), false, Duration.ofSeconds(1), null))
                .hasMessageContaining("GIGAGATE_REDIS_URL");
    }
}
