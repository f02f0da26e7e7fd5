package io.scaffold.platform.testing;

import kafka.server.BrokerServer;
import org.apache.kafka.common.test.KafkaClusterTestKit;

import javax.management.ObjectName;
import java.lang.management.ManagementFactory;

/**
 * Stops and restarts the test broker for outage tests. Exposed as a platform MBean because the broker may have been
 * started from another class loader than the test's; JMX calls by name cross that boundary.
 */
public class BrokerControl implements BrokerControlMBean {
    private static final String NAME = "io.scaffold.test:type=KafkaBroker";
    private final KafkaClusterTestKit cluster;

    private BrokerControl(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    static void register(KafkaClusterTestKit cluster) throws Exception {
        ObjectName name = new ObjectName(NAME);
        if (!ManagementFactory.getPlatformMBeanServer().isRegistered(name)) {
            ManagementFactory.getPlatformMBeanServer().registerMBean(new BrokerControl(cluster), name);
        }
    }

    static void invoke(String operation) {
        try {
            ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName(NAME), operation, null, null);
        } catch (Exception e) {
            throw new IllegalStateException("cannot " + operation + " the test broker", e);
        }
    }

    @Override
    public void stop() {
        BrokerServer broker = cluster.brokers().values().iterator().next();
        broker.shutdown();
        broker.awaitShutdown();
    }

    @Override
    public void start() throws Exception {
        cluster.brokers().values().iterator().next().startup();
        cluster.waitForReadyBrokers();
    }
}
