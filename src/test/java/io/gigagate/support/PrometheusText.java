package io.gigagate.support;

import java.util.Map;

/** Reads values out of Prometheus' text format: sums every sample of a name whose labels include the given ones. */
public final class PrometheusText {

    private final String text;

    public PrometheusText(String text) {
        this.text = text;
    }

    public double value(String name, Map<String, String> labels) {
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            String series = line.substring(0, space);
            if (labels.entrySet().stream().allMatch(e -> series.contains(e.getKey() + "=\"" + e.getValue() + "\""))) {
                sum += Double.parseDouble(line.substring(space + 1));
            }
        }
        return sum;
    }

    public boolean has(String name, Map<String, String> labels) {
        return text.lines().anyMatch(line -> (line.startsWith(name + "{") || line.startsWith(name + " "))
                && labels.entrySet().stream().allMatch(e -> line.contains(e.getKey() + "=\"" + e.getValue() + "\"")));
    }

    @Override
    public String toString() {
        return text;
    }
}
