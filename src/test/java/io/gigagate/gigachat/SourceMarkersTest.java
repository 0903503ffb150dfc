package io.gigagate.gigachat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceMarkersTest {

    private static final Map<String, WebSource> SOURCES = Map.of(
            "1", new WebSource("1", "https://a.example/x", "A"),
            "2", new WebSource("2", "https://b.example/y", "B"));

    @Test
    void markersBecomeLinksAndEachLinkACitation() {
        SourceMarkers.Rendered r = SourceMarkers.render("Python 3.15 is faster [sources=[1, 2]]. It is safer [sources=[2]].",
                SOURCES);

        assertThat(r.text()).isEqualTo("Python 3.15 is faster [1](https://a.example/x) [2](https://b.example/y). "
                + "It is safer [2](https://b.example/y).");
        assertThat(r.citations()).hasSize(3);
        SourceMarkers.Citation first = r.citations().get(0);
        assertThat(r.text().substring(first.start(), first.end())).isEqualTo("[1](https://a.example/x)");
        assertThat(first.url()).isEqualTo("https://a.example/x");
        assertThat(first.title()).isEqualTo("A");
        SourceMarkers.Citation last = r.citations().get(2);
        assertThat(r.text().substring(last.start(), last.end())).isEqualTo("[2](https://b.example/y)");
    }

    @Test
    void anUnlistedSourceKeepsItsNumberAndTextWithoutMarkersIsUntouched() {
        assertThat(SourceMarkers.render("x[sources=[7]]", SOURCES))
                .isEqualTo(new SourceMarkers.Rendered("x [7]", java.util.List.of()));
        assertThat(SourceMarkers.render("a [b] c", SOURCES)).isEqualTo(new SourceMarkers.Rendered("a [b] c", java.util.List.of()));
        assertThat(SourceMarkers.render(null, SOURCES).text()).isNull();
    }

    @Test
    void aStreamRendersTheSameAsTheWholeTextHoldingOnlyAMarkerInTheMaking() {
        SourceMarkers.Renderer renderer = new SourceMarkers.Renderer();
        StringBuilder out = new StringBuilder();
        assertThat(renderer.accept("Faster [sour", SOURCES)).isEqualTo("Faster ");
        assertThat(renderer.accept("ces=[1,", SOURCES)).isEmpty();
        out.append("Faster ").append(renderer.accept(" 2]].", SOURCES));
        out.append(renderer.accept(" See [docs] too", SOURCES));
        out.append(renderer.finish());

        String whole = SourceMarkers.render("Faster [sources=[1, 2]]. See [docs] too", SOURCES).text();
        assertThat(out.toString()).isEqualTo(whole);
    }

    @Test
    void aStreamEndingInsideAMarkerKeepsItsText() {
        SourceMarkers.Renderer renderer = new SourceMarkers.Renderer();
        assertThat(renderer.accept("cut [sources=[1", SOURCES)).isEqualTo("cut ");
        assertThat(renderer.finish()).isEqualTo("[sources=[1");
    }
}
