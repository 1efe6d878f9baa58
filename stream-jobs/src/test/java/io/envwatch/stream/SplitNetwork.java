package io.envwatch.stream;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A network namespace for the broker with two ways in from this host, each a veth pair: one the
 * job's connections take, one the gateways' take. Taking the job's link down cuts its connections
 * for real (packets dropped, no reset), while the gateways keep publishing. Needs root and
 * iproute2, as on the CI machines; {@link #available} says whether this machine has them.
 */
final class SplitNetwork implements AutoCloseable {
    final String namespace;
    /** The broker's address on the job's path and on the gateways' path. */
    final String jobSide;

    final String gatewaySide;
    private final String jobLink;

    SplitNetwork() throws IOException, InterruptedException {
        int id = ThreadLocalRandom.current().nextInt(1, 250);
        String tag = Integer.toString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff), 16);
        namespace = "ew-" + tag;
        jobLink = "ewj" + tag;
        String gatewayLink = "ewg" + tag;
        jobSide = "10.213." + id + ".2";
        gatewaySide = "10.214." + id + ".2";
        ip("netns", "add", namespace);
        pair(jobLink, "10.213." + id);
        pair(gatewayLink, "10.214." + id);
        ip("netns", "exec", namespace, "ip", "link", "set", "lo", "up");
    }

    /** Whether namespaces can be made here (root, iproute2). */
    static boolean available() {
        try {
            Process p = new ProcessBuilder("ip", "netns", "list")
                    .redirectErrorStream(true)
                    .start();
            return p.waitFor() == 0 && "root".equals(System.getProperty("user.name"));
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private void pair(String hostEnd, String subnet) throws IOException, InterruptedException {
        String inside = hostEnd + "n";
        ip("link", "add", hostEnd, "type", "veth", "peer", "name", inside);
        ip("link", "set", inside, "netns", namespace);
        ip("addr", "add", subnet + ".1/30", "dev", hostEnd);
        ip("link", "set", hostEnd, "up");
        ip("netns", "exec", namespace, "ip", "addr", "add", subnet + ".2/30", "dev", inside);
        ip("netns", "exec", namespace, "ip", "link", "set", inside, "up");
    }

    /** Cuts (or restores) the job's path to the broker. */
    void cutJobPath(boolean cut) throws IOException, InterruptedException {
        ip("link", "set", jobLink, cut ? "down" : "up");
    }

    private static void ip(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        ip("netns", "del", namespace); // takes its veth pairs with it
    }
}
