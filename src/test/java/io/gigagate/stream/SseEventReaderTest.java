package io.gigagate.stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class SseEventReaderTest {

    /** Named raw streams and the data the reader must return for each. */
    enum Case {
        SIMPLE("data: a\n\ndata: b\n\n", "a", "b"),
        CRLF("data: a\r\n\r\ndata: b\r\n\r\n", "a", "b"),
        CR_ONLY("data: a\r\rdata: b\r\r", "a", "b"),
        MULTI_LINE_DATA("data: first\ndata: second\ndata:\n\n", "first\nsecond\n"),
        DATA_WITHOUT_SPACE("data:a\n\ndata:  two spaces\n\n", "a", " two spaces"),
        COMMENTS(": keep-alive\n\ndata: a\n: inside\n\n:\n\n", "a"),
        EVENT_ID_RETRY_IGNORED("event: message\nid: 7\nretry: 1000\ndata: a\nunknown: x\n\n", "a"),
        EVENT_WITHOUT_DATA_SKIPPED("event: ping\n\nid: 1\n\ndata: a\n\n", "a"),
        EMPTY_DATA("data:\n\ndata: \n\ndata\n\n", "", "", ""),
        BLANK_LINES_BETWEEN_EVENTS("\n\n\ndata: a\n\n\n\ndata: b\n\n", "a", "b"),
        NO_TRAILING_BLANK_LINE("data: a\n\ndata: b", "a", "b"),
        NO_TRAILING_BLANK_LINE_AFTER_NEWLINE("data: a\n", "a"),
        DONE("data: {\"x\":1}\n\ndata: [DONE]\n\n", "{\"x\":1}", "[DONE]"),
        CYRILLIC("data: {\"content\":\"Привет, мир — ёж 🙂\"}\n\n", "{\"content\":\"Привет, мир — ёж 🙂\"}"),
        BYTE_ORDER_MARK("\uFEFFdata: a\n\n", "a"),
        COLON_IN_VALUE("data: {\"a\":\"b:c\"}\n\n", "{\"a\":\"b:c\"}"),
        EMPTY_STREAM(""),
        ONLY_COMMENTS(": a\n: b\n");

        final String raw;
        final List<String> expected;

        Case(String raw, String... expected) {
            this.raw = raw;
            this.expected = List.of(expected);
        }
    }

    @Test
    void knowsWhetherTheNextEventIsAlreadyBuffered() throws IOException {
        assertBuffered("data: a\n\ndata: b\n\n", true);
        assertBuffered("data: a\n\ndata: b\r\n\r\n", true);
        assertBuffered("data: a\r\rdata:b\r\r", true);
        assertBuffered("data: a\n\ndata\n\n", true);              // empty data is still an event
        assertBuffered("data: a\n\ndata: b\n", false);              // not ended yet
        assertBuffered("data: a\n\n: keep-alive\n\n", false);      // next() would skip it and wait
        assertBuffered("data: a\n\nevent: ping\n\ndat", false);
        assertBuffered("data: a\n\ndatum: x\n\n", false);
        assertBuffered("data: a\r\n\r\n", false);                  // nothing after the first event
    }

    private static void assertBuffered(String raw, boolean expected) throws IOException {
        // the whole text arrives in one read, then the upstream stays open (a read would block)
        InputStream once = new InputStream() {
            private final byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
            private boolean sent;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (sent) {
                    throw new AssertionError("read again: the reader would have blocked");
                }
                sent = true;
                System.arraycopy(bytes, 0, b, off, bytes.length);
                return bytes.length;
            }
        };
        SseEventReader reader = new SseEventReader(once);
        assertThat(reader.next()).isEqualTo("a");
        assertThat(reader.hasBufferedEvent()).as(raw).isEqualTo(expected);
        if (expected) {
            assertThat(reader.next()).isNotNull();
        }
    }

    @ParameterizedTest
    @EnumSource(Case.class)
    void readsWholeStream(Case c) throws IOException {
        assertThat(readAll(new ByteArrayInputStream(c.raw.getBytes(StandardCharsets.UTF_8)))).isEqualTo(c.expected);
    }

    @ParameterizedTest
    @EnumSource(Case.class)
    void readsStreamArrivingOneByteAtATime(Case c) throws IOException {
        assertThat(readAll(TestStreams.oneByteAtATime(c.raw.getBytes(StandardCharsets.UTF_8)))).isEqualTo(c.expected);
    }

    @Test
    void keepsReturningNullAtEnd() throws IOException {
        try (SseEventReader reader = new SseEventReader(TestStreams.of("data: a"))) {
            assertThat(reader.next()).isEqualTo("a");
            assertThat(reader.next()).isNull();
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void longEventGrowsTheBuffer() throws IOException {
        String big = "ж".repeat(20_000);
        assertThat(readAll(TestStreams.of("data: " + big + "\n\ndata: b\n\n"))).containsExactly(big, "b");
    }

    @Test
    void returnsAnAvailableEventWithoutReadingFurther() throws IOException {
        TestStreams.Controlled upstream = new TestStreams.Controlled().send("data: a\n\ndata: b\n\n").send("data: c\r");
        try (SseEventReader reader = new SseEventReader(upstream)) {
            // nothing else is queued, so any read beyond what is needed would block this test forever
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                assertThat(reader.next()).isEqualTo("a");
                assertThat(reader.next()).isEqualTo("b");
            });
            upstream.send("\n\r\n");
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThat(reader.next()).isEqualTo("c"));
            upstream.end();
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void returnsTheFirstEventWhileTheWriterWaitsBeforeTheSecond() throws Exception {
        PipedOutputStream writerSide = new PipedOutputStream();
        PipedInputStream readerSide = new PipedInputStream(writerSide, 1024);
        CountDownLatch firstReceived = new CountDownLatch(1);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                writerSide.write("data: first\n\n".getBytes(StandardCharsets.UTF_8));
                writerSide.flush();
                if (!firstReceived.await(10, TimeUnit.SECONDS)) {
                    throw new AssertionError("the reader did not return the first event on its own");
                }
                writerSide.write("data: second\n\n".getBytes(StandardCharsets.UTF_8));
                writerSide.close();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        try (SseEventReader reader = new SseEventReader(readerSide)) {
            // read on this thread (piped streams track their reader thread); if next() waited for more
            // input, the writer would give up after its timeout and this read would fail
            assertThat(reader.next()).isEqualTo("first");
            assertThat(writer).isNotDone();
            firstReceived.countDown();
            assertThat(reader.next()).isEqualTo("second");
            assertThat(reader.next()).isNull();
        }
        writer.get(10, TimeUnit.SECONDS);
    }

    @Test
    void closeClosesTheUpstream() throws IOException {
        TestStreams.Controlled upstream = new TestStreams.Controlled();
        new SseEventReader(upstream).close();
        assertThat(upstream.isClosed()).isTrue();
    }

    private static List<String> readAll(InputStream in) throws IOException {
        List<String> events = new ArrayList<>();
        try (SseEventReader reader = new SseEventReader(in)) {
            for (String data = reader.next(); data != null; data = reader.next()) {
                events.add(data);
            }
        }
        return events;
    }
}
