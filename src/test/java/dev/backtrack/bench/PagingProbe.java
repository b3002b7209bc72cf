package dev.backtrack.bench;

import dev.backtrack.browse.BrowseRequest;
import dev.backtrack.browse.Browser;
import dev.backtrack.browse.Cancellation;
import dev.backtrack.browse.Page;
import dev.backtrack.codec.RecordDecoder;
import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.kafka.RegistrySettings;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;

/**
 * Child-JVM probe for issue #3's memory goal: pages through a whole topic with the Browser's next-page loop
 * (500 records a page, Avro decoded and rendered, as the app's table does) and prints the records seen and the
 * peak heap in use, sampled after every page. Run with the goal as {@code -Xmx}, so exceeding it fails the run.
 */
public final class PagingProbe {
    private PagingProbe() {
    }

    public static void main(String[] args) {
        String bootstrap = args[0];
        String registry = args[1];
        String topic = args[2];
        Browser browser = new Browser(new KafkaClients(ConnectionSettings.plaintext(bootstrap)), new RecordDecoder(RegistrySettings.of(registry)));
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        Cancellation cancellation = new Cancellation();
        long records = 0;
        long peak = 0;
        Page page = browser.read(BrowseRequest.of(topic).withPageSize(500), cancellation);
        while (true) {
            records += page.records().size();
            List<?> shown = page.records().stream().map(r -> r.value().text()).toList();
            peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
            if (shown.isEmpty() || !page.hasNext()) {
                break;
            }
            page = browser.next(page, cancellation);
        }
        System.out.println("records=" + records + " peakHeapBytes=" + peak);
    }
}
